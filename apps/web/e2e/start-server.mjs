// Starts the gateway for the browser tests: a fresh data folder, the sandbox engine with short timings,
// and the freshly built dashboard. Removes the data folder when stopped — unless E2E_DATA_DIR named one,
// which a test uses to stop and start "the same" server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ownDataDir = !process.env.E2E_DATA_DIR;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
// One process, as `pnpm start` runs it: signals reach the gateway directly and nothing can be orphaned.
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '3100',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SANDBOX_ENABLED: 'true',
    // The tests never reach real WhatsApp; with only the sandbox on, the dialog also shows an unavailable engine.
    WEBJS_ENABLED: 'false',
    SANDBOX_QR_ROTATE_MS: '4000',
    // Eight codes of four seconds: long enough for the screenshots the tests take of the QR dialog.
    SANDBOX_QR_MAX_CODES: '8',
    SANDBOX_CONNECT_DELAY_MS: '100',
    SANDBOX_DELIVERED_DELAY_MS: process.env.E2E_SANDBOX_DELIVERED_DELAY_MS ?? '300',
    SANDBOX_READ_DELAY_MS: process.env.E2E_SANDBOX_READ_DELAY_MS ?? '800',
    SANDBOX_NOT_ON_WHATSAPP: '4915199999999',
    // The browser tests send in quick succession, which the risk model would take for spam.
    SANDBOX_RISK_MODEL: 'false',
    // Room for the long session list (sessions-list.spec.ts) beside the accounts the other specs add.
    MAX_SESSIONS: '200',
    // Every spec signs its users in from loopback: the per-address cap is for attackers, not for a suite of
    // operators (the per-account lockout, which a spec tests, stays as it is).
    LOGIN_MAX_ATTEMPTS_PER_IP: '1000',
    MAX_SESSIONS_PER_USER: '100',
  },
});

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  // The gateway shuts down gracefully; do not wait for ever if it does not.
  setTimeout(() => child.kill('SIGKILL'), 8000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

child.on('exit', (code, signal) => {
  if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
