import { afterEach, describe, expect, it } from 'vitest';
import { connect, setupAdmin, startTestGateway, waitFor } from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(env: Record<string, string> = {}) {
  const g = await startTestGateway(env);
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  cleanups.push(() => client.close());
  return { g, cookie, client };
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  cleanups.push(r.close);
  return r;
}

describe('shutting down with many deliveries in flight', () => {
  it('stops cleanly without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    cleanups.push(async () => void process.off('warning', onWarning));

    const { g, client } = await setup();
    const r = await receiver(() => 'hang');
    const s = await client.sessions.create.mutate({ name: 'Busy', start: false });
    for (let i = 0; i < 12; i++)
      await client.webhooks.create.mutate({
        sessionId: s.id,
        url: `${r.url}/${i}`,
        events: ['session.status'],
      });
    await client.sessions.start.mutate({ id: s.id });
    await waitFor(() => r.received.length >= 12, 'twelve deliveries in flight');
    await client.close();
    await g.close();
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });
});
