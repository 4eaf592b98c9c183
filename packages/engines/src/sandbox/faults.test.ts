import { describe, expect, it } from 'vitest';
import { EngineSendError } from '../contract.ts';
import { limitReason, REACH_OUT_REFUSED } from '../reach-out-words.ts';
import { advance, refusal, TEST_OPTIONS, typesOf, useTestSandbox } from './test-support.ts';

/** What WhatsApp does to a working account that the control API can make the sandbox do too. */

const sandbox = useTestSandbox();

const ACCOUNT = '4915112344567';
const text = (body: string) => ({ type: 'text', text: body }) as const;

describe('the reach-out limit (error 463)', () => {
  it('is announced with its end, refuses new contacts before sending, lets replies out, and lifts on time', async () => {
    const { session, events } = await sandbox.openLinked('alpha', ACCOUNT);
    sandbox.network.inbound('4917000000009', ACCOUNT, { text: 'Do you deliver?' });
    events.length = 0;

    const { until } = sandbox.network.limit('alpha', 60_000);
    expect(until).toBe(Date.now() + 60_000);
    expect(events).toEqual([{ type: 'limited', reason: limitReason(undefined), until }]);

    const refused = await session.send('4917000000001', text('An offer')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineSendError);
    expect(refused).toMatchObject({
      outcome: 'failed',
      reason: 'reach_out_limited',
      message: REACH_OUT_REFUSED,
    });
    expect(sandbox.network.phoneMessages('4917000000001')).toEqual([]);
    await session.send('4917000000009', text('Yes, we do'));
    expect(sandbox.network.phoneMessages('4917000000009')).toHaveLength(1);

    await advance(59_999);
    expect(events.filter((e) => e.type === 'limit_lifted')).toHaveLength(0);
    await advance(2);
    expect(events.filter((e) => e.type === 'limit_lifted')).toHaveLength(1);
    await session.send('4917000000001', text('An offer'));
    expect(sandbox.network.phoneMessages('4917000000001')).toHaveLength(1);
    expect(typesOf(events).filter((t) => t !== 'ack')).toEqual(['limited', 'limit_lifted']);
  });

  it('belongs to the account: a restart announces it again; forMs 0 lifts it at once', async () => {
    const { session, events, dataDir } = await sandbox.openLinked('alpha', ACCOUNT);
    const { until } = sandbox.network.limit('alpha', 60_000);
    await session.stop();

    const again = sandbox.open('alpha', dataDir);
    await again.session.start();
    await advance(TEST_OPTIONS.connectDelayMs);
    expect(again.events).toEqual([
      { type: 'authenticated' },
      { type: 'ready', me: expect.objectContaining({ phone: ACCOUNT }) },
      { type: 'limited', reason: limitReason(undefined), until },
    ]);
    expect(sandbox.network.limit('alpha', 0)).toEqual({ until: null });
    expect(again.events.at(-1)).toEqual({ type: 'limit_lifted' });
    await again.session.send('4917000000001', text('An offer'));
    expect(events.filter((e) => e.type === 'limit_lifted')).toEqual([]);
  });

  it('answers 404 for a session that is not running and 409 for one that is not connected', async () => {
    expect(refusal(() => sandbox.network.limit('ghost', 1000)).status).toBe(404);
    const { session } = sandbox.open('alpha');
    await session.start();
    expect(refusal(() => sandbox.network.limit('alpha', 1000)).status).toBe(409);
    expect(refusal(() => sandbox.network.failNextSend('alpha')).status).toBe(409);
  });
});

describe('a send that fails after the hand-off', () => {
  it('reaches the phone once, rejects as unknown with its id, and its receipts still come', async () => {
    const { session, events } = await sandbox.openLinked('alpha', ACCOUNT);
    events.length = 0;
    sandbox.network.failNextSend('alpha');

    const error = await session.send('4917000000001', text('Your order shipped')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineSendError);
    const [arrived] = sandbox.network.phoneMessages('4917000000001');
    expect(error).toMatchObject({ outcome: 'unknown', reason: 'error', externalId: arrived?.id });
    await advance(TEST_OPTIONS.readDelayMs);
    expect(events).toEqual([
      { type: 'ack', externalId: arrived?.id, ack: 'delivered' },
      { type: 'ack', externalId: arrived?.id, ack: 'read' },
    ]);

    // Only the next send fails.
    await session.send('4917000000001', text('Tracking: 123'));
    expect(sandbox.network.phoneMessages('4917000000001')).toHaveLength(2);
  });
});
