import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./support/webjs-load-probe.ts', import.meta.url));

// A whole server in a process of its own, which then loads the engine's libraries: generous bounds for a
// busy machine.
it('loads whatsapp-web.js only once a WhatsApp Web session is used, and such a session still works', {
  timeout: 120_000,
}, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE], {
    timeout: 110_000,
  });
  const [listening, started] = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { stage: string; loaded: boolean; reason?: string });
  // Enabled but unused: the server started without it (it costs start-up time and memory).
  expect(listening).toEqual({ stage: 'listening', loaded: false });
  // Used: loaded then, and the session behaves as before — here it reports the missing browser.
  expect(started).toMatchObject({ stage: 'started', loaded: true });
  expect(started?.reason).toContain('No Chrome or Chromium found');
});
