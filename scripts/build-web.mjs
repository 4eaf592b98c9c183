#!/usr/bin/env node
// Builds the dashboard (apps/web/dist) only when it is missing or what it is built from has changed since
// the last build: `pnpm start` and the browser tests run it first, so a restart does not spend seconds
// rebuilding the same files. What counts as "built from" is hashed: the dashboard's sources and those of
// the workspace packages it bundles (its runtime dependencies, and theirs), its build configuration and the
// lockfile (a dependency update changes the bundle too). `--force` always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps/web');
const dist = join(web, 'dist');
// The hash of what dist/ was built from: removed before a build, written after it succeeded. Kept out of
// dist/ (which the server publishes), in the usual place for tools' caches.
const stamp = join(web, 'node_modules/.cache/dist-source-hash');
const manifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** The folders of the workspace packages the dashboard bundles: its runtime dependencies, and theirs. */
function bundledPackages() {
  const folders = new Map();
  for (const group of ['apps', 'packages']) {
    for (const entry of readdirSync(join(root, group))) {
      const dir = join(root, group, entry);
      if (existsSync(join(dir, 'package.json'))) folders.set(manifest(dir).name, dir);
    }
  }
  const found = new Set();
  const queue = [web];
  while (queue.length > 0) {
    for (const [name, version] of Object.entries(manifest(queue.pop()).dependencies ?? {})) {
      const dir = folders.get(name);
      if (!String(version).startsWith('workspace:') || !dir || found.has(dir)) continue;
      found.add(dir);
      queue.push(dir);
    }
  }
  return [...found];
}

const inputs = [
  ...bundledPackages().flatMap((dir) => [join(dir, 'src'), join(dir, 'package.json')]),
  join(web, 'src'),
  join(web, 'public'),
  join(web, 'index.html'),
  join(web, 'package.json'),
  join(web, 'tsconfig.json'),
  join(web, 'vite.config.ts'),
  join(root, 'tsconfig.base.json'),
  join(root, 'pnpm-lock.yaml'),
];

/** Every file under a folder, or the file itself. */
function listed(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function sourceHash() {
  const hash = createHash('sha256');
  const paths = inputs.flatMap(listed).sort();
  for (const path of paths) {
    // Test files are not part of the bundle: changing one needs no rebuild.
    if (/\.test\.tsx?$/.test(path)) continue;
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

const current = sourceHash();
const built = existsSync(join(dist, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8');
if (built === current && !process.argv.includes('--force')) {
  console.log('Dashboard is up to date (apps/web/dist): not rebuilding.');
  process.exit(0);
}

console.log(built ? 'Dashboard sources changed: building it…' : 'Building the dashboard…');
rmSync(stamp, { force: true });
const result = spawnSync('pnpm', ['--filter', '@switchboard/web', 'build'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('Building the dashboard failed (see above).');
  process.exit(result.status ?? 1);
}
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, current);
