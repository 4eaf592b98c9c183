import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file written to the store's temporary folder, not yet given its place. */
export interface PendingFile {
  path: string;
  sha256: string;
  size: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Media files on disk, content-addressed: `<root>/<first two hex digits>/<sha256>`, so the same bytes are
 * stored once however often they are sent or received. Files are written to `<root>/tmp` while they stream
 * in (hashed on the way) and moved into place only once accepted.
 */
export class MediaStore {
  readonly #tmp: string;

  constructor(readonly root: string) {
    this.#tmp = join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Streams `source` into a temporary file, hashing it. Rejects (leaving nothing behind) if the source does. */
  async write(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<PendingFile> {
    mkdirSync(this.#tmp, { recursive: true });
    const path = join(this.#tmp, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    async function* hashed() {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    }
    try {
      await pipeline(Readable.from(hashed()), createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    return { path, sha256: hash.digest('hex'), size };
  }

  /**
   * Moves a pending file into place; identical bytes already stored are kept and the copy dropped.
   * Synchronous, so the caller records the file in the same tick and no clean-up can run in between.
   */
  commit(file: PendingFile): void {
    const target = this.pathOf(file.sha256);
    if (existsSync(target)) {
      rmSync(file.path, { force: true });
      return;
    }
    mkdirSync(join(this.root, file.sha256.slice(0, 2)), { recursive: true });
    renameSync(file.path, target);
  }

  discard(file: PendingFile): void {
    rmSync(file.path, { force: true });
  }

  remove(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }

  /** Temporary files left by a server that stopped mid-upload. Only while nothing is being written. */
  clearTemp(): void {
    rmSync(this.#tmp, { recursive: true, force: true });
  }

  /** The hashes of every stored file. */
  storedHashes(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root)
      .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
      .flatMap((dir) => readdirSync(join(this.root, dir)).filter((name) => SHA256_HEX.test(name)));
  }
}
