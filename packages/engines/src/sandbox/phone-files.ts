/**
 * The bytes of the files virtual phones received, so tests and integrators can compare what arrived with
 * what was sent. Bounded by total size: the oldest files are forgotten first (their messages stay listed).
 */
export class PhoneFiles {
  /** Oldest first. */
  readonly #files = new Map<string, Buffer>();
  #bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  put(messageId: string, data: Buffer): void {
    this.#files.set(messageId, data);
    this.#bytes += data.length;
    for (const [id, file] of this.#files) {
      if (this.#bytes <= this.budgetBytes) break;
      this.#files.delete(id);
      this.#bytes -= file.length;
    }
  }

  get(messageId: string): Buffer | undefined {
    return this.#files.get(messageId);
  }

  forget(messageId: string): void {
    const file = this.#files.get(messageId);
    if (!file) return;
    this.#files.delete(messageId);
    this.#bytes -= file.length;
  }
}
