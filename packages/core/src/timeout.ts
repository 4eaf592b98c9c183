export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * Races `work` against a timer. The work is not cancelled (an engine call cannot always be), but the
 * caller stops waiting, which is what keeps one hanging engine from holding up anything else.
 * Synchronous throws inside `work` become rejections.
 */
export async function withTimeout<T>(work: () => Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
