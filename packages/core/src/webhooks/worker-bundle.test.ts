import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '@switchboard/db';
import { afterEach, describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker, WorkerSetup } from './dispatcher-thread.ts';
import { BUNDLE, bundleIsFresh } from './worker-bundle.mjs';

const BOOT = new URL('./dispatcher-worker-boot.mjs', import.meta.url);
const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bundle-'));
  dirs.push(dir);
  return dir;
}

/** What the boot file's thread says first. */
function firstMessage(workerData: { bundle: string | null; entry: string }): Promise<unknown> {
  const worker = new Worker(BOOT, { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('the dispatcher thread’s bundle', () => {
  it('counts as up to date until a file it was made from changes, and not at all when it is missing', () => {
    const dir = tempDir();
    const source = join(dir, 'source.ts');
    const bundle = join(dir, 'bundle.mjs');
    const inputs = join(dir, 'inputs.json');
    writeFileSync(source, 'export const a = 1;');
    writeFileSync(bundle, 'export {};');
    writeFileSync(inputs, JSON.stringify([{ path: 'source.ts', size: 19, mtimeMs: 0 }]));
    utimesSync(source, 0, 0);
    expect(bundleIsFresh(bundle, inputs)).toBe(true);

    // Edited, same length: the modification time tells.
    writeFileSync(source, 'export const b = 1;');
    expect(bundleIsFresh(bundle, inputs)).toBe(false);
    utimesSync(source, 0, 0);
    expect(bundleIsFresh(bundle, inputs)).toBe(true);

    rmSync(source);
    expect(bundleIsFresh(bundle, inputs)).toBe(false);
    expect(bundleIsFresh(join(dir, 'missing.mjs'), inputs)).toBe(false);
    expect(bundleIsFresh(bundle, join(dir, 'missing.json'))).toBe(false);
  });

  it('is what the thread runs when given; without it, the thread runs the TypeScript sources', async () => {
    const dir = tempDir();
    const entry = join(dir, 'entry.mts');
    const bundle = join(dir, 'bundle.mjs');
    writeFileSync(
      entry,
      "import { parentPort } from 'node:worker_threads';\nconst from: string = 'sources';\nparentPort!.postMessage(from);\n",
    );
    writeFileSync(
      bundle,
      "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage('bundle');\n",
    );
    expect(await firstMessage({ bundle: null, entry: pathToFileURL(entry).href })).toBe('sources');
    expect(await firstMessage({ bundle: pathToFileURL(bundle).href, entry: pathToFileURL(entry).href })).toBe(
      'bundle',
    );
  });

  it('is made by scripts/build-worker.mjs, and is then up to date', () => {
    const built = spawnSync(process.execPath, ['scripts/build-worker.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(bundleIsFresh()).toBe(true);
    expect(BUNDLE.startsWith(join(ROOT, 'packages/core/dist'))).toBe(true);
  });

  it('runs as the dispatcher thread: its dependencies load from the bundle', async () => {
    spawnSync(process.execPath, ['scripts/build-worker.mjs'], { cwd: ROOT });
    const dbPath = join(tempDir(), 'switchboard.db');
    openDatabase(dbPath).$client.close();
    const config = { retryScheduleMs: [], timeoutMs: 1_000, blockPrivate: false, privateForOperators: false };
    const worker = new Worker(BOOT, {
      workerData: { dbPath, config, entry: '', bundle: pathToFileURL(BUNDLE).href } satisfies WorkerSetup,
    });
    const stopped = new Promise((resolve, reject) => {
      worker.on('message', (message: FromWorker) => message.type === 'stopped' && resolve(message));
      worker.once('error', reject);
    });
    worker.postMessage({ type: 'stop' } satisfies ToWorker);
    await expect(stopped).resolves.toEqual({ type: 'stopped' });
    await worker.terminate();
  });
});
