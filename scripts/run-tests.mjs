#!/usr/bin/env node
// Runs every test — Vitest (unit, API, end-to-end against real servers) and Playwright (the dashboard in
// real Chromium) — and ends with one line CI can read: "N passed, N failed, N skipped", computed from the
// runners' JSON reports. Extra arguments are passed to Vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'reports');
const vitestReport = join(reports, 'vitest.json');
const playwrightReport = join(reports, 'playwright.json');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

const vitestExit = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
  ...process.argv.slice(2),
]);
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  // A file that fails to load has no tests to count but must still fail the run.
  if (vitestExit !== 0 && r.numFailedTests === 0) broken = true;
} else {
  broken = true;
}

if (process.argv.length <= 2 && existsSync(join(root, 'playwright.config.ts'))) {
  // playwright.config.ts writes its JSON report to reports/playwright.json.
  const playwrightExit = run(bin('playwright'), ['test']);
  if (existsSync(playwrightReport)) {
    const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
    if (playwrightExit !== 0 && stats.unexpected === 0) broken = true;
  } else {
    broken = true;
  }
}

if (broken) console.log('A test runner failed before reporting its results (see its output above).');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
