/**
 * A keep-alive HTTP/1.1 connection for the paced load generator, on a bare socket: a request is one string
 * written in one go, an answer is read just far enough to know its status and where it ends. Node's `http`
 * client cost ~0.2 ms of CPU a request (a fifth of a core at 1,000 requests a second, on the same 2 cores
 * as the server it measures); this costs a fraction of that, so the generator takes less from what it
 * measures. One request at a time per connection (no pipelining), so an answer never has bytes after it.
 */
import { connect, type Socket } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

/** The request line and headers of a request, with its body's length, ready to write. */
export function serializeRequest(
  method: string,
  path: string,
  host: string,
  headers: Record<string, string>,
  body: string | undefined,
): string {
  let head = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  if (body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n`;
  return `${head}\r\n${body ?? ''}`;
}

type Reading =
  | { kind: 'head' }
  | { kind: 'length'; left: number }
  /** `left` < 0: at a chunk-size line; 0: at the CRLF after a chunk; > 0: inside a chunk. */
  | { kind: 'chunked'; left: number; last: boolean };

export class RawConnection {
  readonly #socket: Socket;
  #buffered: Buffer = Buffer.alloc(0);
  #reading: Reading = { kind: 'head' };
  #status = 0;
  #closeAfter = false;
  #onAnswer: ((status: number | undefined) => void) | null = null;
  #closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('error', () => this.#close());
    socket.on('close', () => this.#close());
  }

  static open(port: number, host: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host);
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** False once the server closed it, it failed, or the last answer said `connection: close`. */
  get usable(): boolean {
    return !this.#closed && !this.#closeAfter;
  }

  /** Sends one request; `onAnswer` gets its status, or undefined if the connection failed first. */
  send(request: string, onAnswer: (status: number | undefined) => void): void {
    if (this.#closed) {
      queueMicrotask(() => onAnswer(undefined));
      return;
    }
    this.#onAnswer = onAnswer;
    this.#reading = { kind: 'head' };
    this.#socket.write(request);
  }

  destroy(): void {
    this.#socket.destroy();
    this.#close();
  }

  #close(): void {
    this.#closed = true;
    this.#answer(undefined);
  }

  #answer(status: number | undefined): void {
    const onAnswer = this.#onAnswer;
    this.#onAnswer = null;
    onAnswer?.(status);
  }

  #read(chunk: Buffer): void {
    this.#buffered = this.#buffered.length ? Buffer.concat([this.#buffered, chunk]) : chunk;
    for (;;) {
      const reading = this.#reading;
      if (reading.kind === 'head') {
        const end = this.#buffered.indexOf(HEAD_END);
        if (end < 0) return;
        this.#head(this.#buffered.toString('latin1', 0, end));
        this.#buffered = this.#buffered.subarray(end + HEAD_END.length);
      } else if (reading.kind === 'length') {
        const take = Math.min(reading.left, this.#buffered.length);
        reading.left -= take;
        this.#buffered = this.#buffered.subarray(take);
        if (reading.left > 0) return;
        this.#done();
        return;
      } else if (reading.left > 0) {
        const take = Math.min(reading.left, this.#buffered.length);
        reading.left -= take;
        this.#buffered = this.#buffered.subarray(take);
        if (reading.left > 0) return;
      } else {
        // A chunk-size line, the CRLF ending a chunk, or (after the last chunk) a trailer line.
        const end = this.#buffered.indexOf(LINE_END);
        if (end < 0) return;
        const line = this.#buffered.toString('latin1', 0, end);
        this.#buffered = this.#buffered.subarray(end + LINE_END.length);
        if (reading.last) {
          if (line === '') {
            this.#done();
            return;
          }
        } else if (reading.left === 0) {
          reading.left = -1;
        } else {
          const size = Number.parseInt(line, 16);
          if (size === 0) reading.last = true;
          else reading.left = size;
          // After a chunk's data comes its CRLF: `left` reaches 0 and the next line read is that CRLF.
        }
      }
    }
  }

  #head(head: string): void {
    this.#status = Number(head.slice(9, 12));
    let length = 0;
    let chunked = false;
    this.#closeAfter = false;
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.includes('chunked');
      else if (name === 'connection') this.#closeAfter = value === 'close';
    }
    this.#reading = chunked ? { kind: 'chunked', left: -1, last: false } : { kind: 'length', left: length };
  }

  #done(): void {
    this.#buffered = Buffer.alloc(0);
    this.#reading = { kind: 'head' };
    this.#answer(this.#status);
  }
}
