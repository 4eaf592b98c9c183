export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const sinks = new WeakMap<NodeJS.WriteStream, (line: string) => void>();

/**
 * Writes lines to a stream until it fails, then drops them. When the reader of a pipe goes away every
 * write fails (EPIPE); the failure is never logged, since that would write to the same broken stream
 * and, through the uncaught-exception handler, loop for ever.
 */
export function streamSink(stream: NodeJS.WriteStream): (line: string) => void {
  let sink = sinks.get(stream);
  if (!sink) {
    let broken = false;
    stream.on('error', () => {
      broken = true;
    });
    sink = (line) => {
      if (broken) return;
      try {
        stream.write(line);
      } catch {
        broken = true;
      }
    };
    sinks.set(stream, sink);
  }
  return sink;
}

/** One line per entry: time, level, message, then key=value fields — readable by people and by grep. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = streamSink(process.stderr),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const log = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    const extra = fields
      ? Object.entries(fields)
          .map(([k, v]) => `${k}=${v instanceof Error ? JSON.stringify(v.message) : JSON.stringify(v)}`)
          .join(' ')
      : '';
    write(
      `${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${message}${extra ? ` ${extra}` : ''}\n`,
    );
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger('silent');
