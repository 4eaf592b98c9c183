#!/usr/bin/env node
// Bundles the webhook dispatcher's thread (packages/core/src/webhooks/dispatcher-worker.ts and everything it
// imports) into one plain JavaScript file, so the thread starts without compiling TypeScript. Only when the
// bundle is missing or a file it was made from changed (see worker-bundle.mjs, which the thread uses to
// decide between the bundle and the sources); `--force` always builds. `pnpm start` runs it first.
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE, bundleIsFresh, INPUTS } from '../packages/core/src/webhooks/worker-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (bundleIsFresh() && !process.argv.includes('--force')) process.exit(0);

// Loaded only when it builds: a start with an up-to-date bundle pays for the check alone.
const { build } = await import('esbuild');
const out = dirname(BUNDLE);
const started = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: ['packages/core/src/webhooks/dispatcher-worker.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: `${BUNDLE}.tmp`,
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies (undici) require Node's built-ins: an ES module has no `require` of its own.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  plugins: [
    {
      // The native SQLite binding finds its compiled addon next to its own files: it is imported from where
      // pnpm installed it for the database package, not bundled.
      name: 'better-sqlite3',
      setup(b) {
        b.onResolve({ filter: /^better-sqlite3$/ }, () => ({
          path: relative(out, join(root, 'packages/db/node_modules/better-sqlite3/lib/index.js')),
          external: true,
        }));
      },
    },
  ],
}).catch((error) => {
  // Not fatal: the thread runs from its sources, as it does whenever the bundle is stale.
  console.warn(`Bundling the webhook dispatcher thread failed; it runs from its sources. ${error.message}`);
  process.exit(0);
});
// The lockfile too: a dependency updated elsewhere in the tree makes the bundle stale.
const inputs = [...Object.keys(result.metafile.inputs), 'pnpm-lock.yaml'].map((path) => {
  const { size, mtimeMs } = statSync(join(root, path));
  return { path: relative(out, join(root, path)), size, mtimeMs };
});
// A file saved while it was being bundled may be in the bundle as it was before: not noted as up to date.
if (inputs.some((input) => input.mtimeMs >= started)) process.exit(0);
mkdirSync(out, { recursive: true });
// Replaced whole, never half-written: a thread starting meanwhile reads the old files or the new ones.
renameSync(`${BUNDLE}.tmp`, BUNDLE);
writeFileSync(`${INPUTS}.tmp`, JSON.stringify(inputs));
renameSync(`${INPUTS}.tmp`, INPUTS);
