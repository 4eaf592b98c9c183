import { describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  recordSessionEvents,
  type TestGateway,
  useAdminGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

let g: TestGateway;
let cookie: string;
let client: Client;

// One code that lives a minute: it is the last one from the start, and stays on screen for the whole test.
useAdminGateway(
  (ctx) => {
    ({ g, cookie, client } = ctx);
  },
  { SANDBOX_QR_MAX_CODES: '1', SANDBOX_QR_ROTATE_MS: '60000' },
);

describe('the last QR code before linking stops', () => {
  it('is marked last in the session, its QR code and the stream, also for a subscriber who joins late', async () => {
    const live = recordSessionEvents(client);
    const s = await client.sessions.create.mutate({ name: 'Last chance', engine: 'sandbox' });
    const shown = await waitForStatus(client, s.id, 'qr');
    expect(shown.qr).toEqual({ qr: expect.stringMatching(/^2@/), expiresAt: expect.any(Number), last: true });
    expect(await client.sessions.qr.query({ id: s.id })).toEqual(shown.qr);

    const streamed = await waitFor(
      () => live.events.find((e) => e.type === 'qr' && e.sessionId === s.id),
      'the QR event',
    );
    expect(streamed).toMatchObject({ type: 'qr', qr: shown.qr?.qr, last: true });
    live.stop();

    // A dashboard opened now learns it from the snapshot it starts with.
    const late = connect(g, cookie);
    const snapshot = recordSessionEvents(late, { id: s.id, batchSnapshot: true });
    const [first] = await waitFor(() => snapshot.messages.length > 0 && snapshot.messages, 'the snapshot');
    expect(first?.type).toBe('snapshot');
    expect(first?.type === 'snapshot' && first.events.find((e) => e.type === 'qr')).toMatchObject({
      qr: shown.qr?.qr,
      expiresAt: shown.qr?.expiresAt,
      last: true,
    });
    snapshot.stop();
    await late.close();
  });
});
