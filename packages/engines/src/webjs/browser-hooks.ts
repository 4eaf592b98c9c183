import { type Coded, coded } from '@switchboard/validators';
import type { LocalAuth } from 'whatsapp-web.js';
import { endProcessTree } from './process-tree.ts';
import type { Run } from './run.ts';
import { withTimeout } from './with-timeout.ts';

/** How long the browser may take to close before it is killed instead. */
const DESTROY_TIMEOUT_MS = 5_000;

/**
 * Hooks whatsapp-web.js's auth strategy. After the first launch: the browser's pid (telemetry, clean-up),
 * crash detection, and — if the session was stopped meanwhile — closing it at once. whatsapp-web.js calls
 * the hook again when WhatsApp Web logs out, to reload the page in the same browser; for an ended run we
 * never answer, which ends that reload without an unhandled rejection (the browser is being closed).
 */
export function hookAuth(run: Run, auth: LocalAuth, crashed: (reason: string, why: Coded) => void): void {
  const afterLaunch = auth.afterBrowserInitialized.bind(auth);
  let launched = false;
  auth.afterBrowserInitialized = async () => {
    if (launched) {
      if (run.ended) await new Promise<never>(() => undefined);
      return afterLaunch();
    }
    launched = true;
    await afterLaunch();
    const browser = run.client.pupBrowser;
    run.browserPid = browser?.process()?.pid;
    if (run.ended) {
      await closeBrowser(run);
      throw new Error('The session was stopped while its browser was starting');
    }
    browser?.on('disconnected', () =>
      crashed('The browser closed unexpectedly', coded('session.browser_closed')),
    );
    run.client.pupPage?.on('error', (error) =>
      crashed(
        `The WhatsApp Web page crashed: ${error.message}`,
        coded('session.page_crashed', { error: error.message }),
      ),
    );
  };
  // LocalAuth would delete the profile itself (on logout, while the browser still writes to it) and throw
  // on EBUSY where nobody can catch it; logout() removes it after the browser is gone, with retries.
  auth.logout = async () => undefined;
}

/** Closes the run's browser politely, and ends what is left of it if that does not do. */
export async function closeBrowser(run: Run): Promise<void> {
  await withTimeout(run.client.destroy(), DESTROY_TIMEOUT_MS).catch(() => undefined);
  if (run.browserPid) await endProcessTree(run.browserPid, 1_000);
}
