import type { Logger } from '../logger.ts';
import { errorMessage, withTimeout } from '../timeout.ts';
import type { Runtimes } from './runtimes.ts';

/** Asks every running engine that can tell for its resource usage; one that does not answer is skipped. */
export async function sampleResources(runtimes: Runtimes, log: Logger): Promise<void> {
  await Promise.all(
    runtimes.entries().map(async ([id, rt]) => {
      const engine = rt.engine;
      if (!engine?.resourceUsage) {
        rt.resources = undefined;
        return;
      }
      try {
        const usage = await withTimeout(() => engine.resourceUsage!(), 5_000, 'resource sample timed out');
        if (rt.engine === engine) rt.resources = usage ? { ...usage, sampledAt: Date.now() } : undefined;
      } catch (error) {
        log.debug('resource sample failed', { id, error: errorMessage(error) });
      }
    }),
  );
}
