import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Files smaller than this are sent as they are: compressing them saves less than the headers cost. */
const WORTH_COMPRESSING = 1024;

const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  // Quality 9 of 11: nearly the smallest files at a fraction of the top level's CPU (each file is compressed once).
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => promisify(gzip)(data, { level: 9 }),
};

/**
 * The encoding to answer with: Brotli, else gzip, if the client accepts it (`Accept-Encoding`, honouring
 * `;q=0` as a refusal), else none.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

interface Entry {
  /** The file's version the bytes were made from: a rebuilt dashboard is compressed again. */
  version: string;
  bytes: Promise<Buffer | null>;
}

/**
 * The dashboard's files compressed once and kept in memory (the whole build is a few hundred kilobytes
 * compressed): a load costs no compression, only the first request for each file after a start or a build.
 */
export class CompressedFiles {
  private readonly entries = new Map<string, Entry>();

  /** `file` compressed with `encoding`, or null when it is too small to be worth it. */
  async get(file: string, encoding: Encoding): Promise<Buffer | null> {
    const info = await stat(file);
    const version = `${info.mtimeMs}:${info.size}`;
    const key = `${encoding}:${file}`;
    const known = this.entries.get(key);
    if (known?.version === version) return known.bytes;
    const bytes =
      info.size < WORTH_COMPRESSING ? Promise.resolve(null) : readFile(file).then(compressors[encoding]);
    this.entries.set(key, { version, bytes });
    // A failed compression is not remembered: the next request tries again.
    bytes.catch(() => this.entries.delete(key));
    return bytes;
  }
}
