import { mkdir } from 'node:fs/promises';
import type { EngineRegistry } from '@switchboard/engines/contract';
import type { EngineName } from '@switchboard/validators';
import type { Logger } from '../logger.ts';
import type { SerialQueue } from '../serial-queue.ts';
import { errorMessage, withTimeout } from '../timeout.ts';
import { clearRetry, type Runtimes } from './runtimes.ts';

/** What stopping an engine needs: the session's queue and runtime, the engines, the stop timeout. */
interface TeardownDeps {
  engines: EngineRegistry;
  queue: SerialQueue;
  runtimes: Runtimes;
  config: { stopTimeoutMs: number };
  log: Logger;
}

/**
 * Cancels pending timers and detaches and stops (or logs out) the current engine session, abandoning it
 * if it hangs. Returns whether there was an engine session to stop.
 */
export async function teardownEngine(
  deps: TeardownDeps,
  id: string,
  how: 'stop' | 'logout',
): Promise<boolean> {
  const { queue, runtimes, config, log } = deps;
  const rt = runtimes.get(id);
  if (!rt) return false;
  rt.generation += 1;
  // Queued, so a command waiting on the launch reads the status the current task is about to write.
  const settle = rt.settleLaunch;
  rt.settleLaunch = undefined;
  if (settle) void queue.run(id, async () => settle());
  clearTimeout(rt.startTimer);
  clearRetry(rt);
  rt.qr = undefined;
  rt.resources = undefined;
  const engine = rt.engine;
  rt.unsubscribe?.();
  rt.engine = undefined;
  rt.unsubscribe = undefined;
  if (!engine) return false;
  try {
    await withTimeout(
      () => (how === 'logout' ? engine.logout() : engine.stop()),
      config.stopTimeoutMs,
      `did not ${how} within ${Math.round(config.stopTimeoutMs / 1000)} s`,
    );
  } catch (error) {
    log.warn(`engine ${how} failed; abandoning it`, { id, error: errorMessage(error) });
  }
  return true;
}

/** Logs out a session that is not running: its stored auth has to go, and only its engine knows what it is. */
export async function logoutDormant(
  deps: TeardownDeps,
  target: { id: string; dataDir: string; engineName: EngineName },
): Promise<void> {
  const { id, dataDir } = target;
  const engine = deps.engines.get(target.engineName);
  if (!engine) return;
  try {
    await mkdir(dataDir, { recursive: true });
    const session = engine.createSession({ id, dataDir });
    await withTimeout(() => session.logout(), deps.config.stopTimeoutMs, 'logout timed out');
  } catch (error) {
    deps.log.warn('logout of a stopped session failed', { id, error: errorMessage(error) });
  }
}
