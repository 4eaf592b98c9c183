// The dispatcher thread's code bundled into one plain JavaScript file (scripts/build-worker.mjs makes it),
// so the thread starts without compiling its TypeScript sources through tsx: about a tenth of the CPU. Plain
// JavaScript because the build script, which runs before the server and without a loader, reads it too.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundle, and beside it every file it was made from (path from the bundle's folder, size, mtime). */
export const BUNDLE = fileURLToPath(new URL('../../dist/dispatcher-worker.mjs', import.meta.url));
export const INPUTS = fileURLToPath(new URL('../../dist/dispatcher-worker.inputs.json', import.meta.url));

/**
 * True when the bundle is there and none of the files it was made from changed since (same size and
 * modification time): a source edited, a dependency updated or a checkout of another commit makes it stale,
 * and the thread then runs from the sources as before.
 */
export function bundleIsFresh(bundle = BUNDLE, inputsFile = INPUTS) {
  try {
    statSync(bundle);
    /** @type {Array<{ path: string; size: number; mtimeMs: number }>} */
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return inputs.every((input) => {
      const now = statSync(resolve(dirname(inputsFile), input.path));
      return now.size === input.size && now.mtimeMs === input.mtimeMs;
    });
  } catch {
    return false;
  }
}
