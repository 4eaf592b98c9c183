import { describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  sandbox,
  signIn,
  type TestGateway,
  useAdminGateway,
  waitFor,
} from './support/harness.ts';

/**
 * The inbox's lists say where their live streams resume from (`streamFrom`): subscribed with it as
 * `lastEventId`, a stream first replays what happened after the read — through the same access check as a
 * live event — or, asked with `reportGaps`, says `gap` when it cannot.
 */
let g: TestGateway;
let cookie: string;
let client: Client;

useAdminGateway((ctx) => {
  ({ g, cookie, client } = ctx);
});

const inbound = async (to: string, from: string, text: string) => {
  const sent = await sandbox(g, cookie, 'POST', '/inbound', { from, to: `+${to}`, text });
  expect(sent.status).toBe(200);
};

async function operatorWithAccount(email: string, phone: string) {
  await client.users.create.mutate({ email, name: email, password: 'operator-pass-1', role: 'operator' });
  const opCookie = await signIn(g, email, 'operator-pass-1');
  const op = connect(g, opCookie);
  const account = await createLinked(g, opCookie, op, `Line of ${email}`, phone);
  return { op, account };
}

type Input = { sessionId?: string; lastEventId?: string | null; reportGaps?: boolean } | undefined;

/** What a subscription delivers (tracked: `{ id, data }`), as text: `conversation:<preview>`, `message:<body>` or `gap`. */
function record(
  subscribe: (input: Input, handlers: { onData: (d: unknown) => void }) => { unsubscribe(): void },
  input: Input,
) {
  const seen: string[] = [];
  const sub = subscribe(input, {
    onData: (tracked) => {
      const event = (tracked as { data: unknown }).data as {
        type: string;
        conversation?: { lastMessagePreview: string | null };
        message?: { body: string };
      };
      if (event.type === 'conversation') seen.push(`conversation:${event.conversation?.lastMessagePreview}`);
      else if (event.type === 'message') seen.push(`message:${event.message?.body}`);
      else seen.push(event.type);
    },
  });
  return { seen, stop: () => sub.unsubscribe() };
}

const conversationsOf = (c: Client) => (input: Input, h: { onData: (d: unknown) => void }) =>
  c.conversations.onUpdate.subscribe(input, h);
const messagesOf = (c: Client) => (input: Input, h: { onData: (d: unknown) => void }) =>
  c.messages.onUpdate.subscribe(input, h);

/** A live subscription, once the server has opened it. */
function watch(
  subscribe: (
    input: Input,
    handlers: { onStarted: () => void; onData: (d: unknown) => void },
  ) => { unsubscribe(): void },
): Promise<{ unsubscribe(): void }> {
  return new Promise((resolve) => {
    const sub = subscribe(undefined, { onStarted: () => resolve(sub), onData: () => {} });
  });
}

describe('live streams resumed from a list', () => {
  it('replay what arrived between the read and the subscription, though nobody was listening then', async () => {
    const { op, account } = await operatorWithAccount('resume-a@example.com', '4915100000701');
    await inbound(account.phone!, '+14155550701', 'Before the list');
    const list = await op.conversations.list.query({});
    const thread = await op.conversations.messages.query({ conversationId: list.items[0]!.id });
    expect(list.streamFrom).toMatch(/^[0-9a-f]+:\d+$/);

    // Read, not yet subscribed: these are in neither answer.
    await inbound(account.phone!, '+14155550701', 'Between read and stream');
    await inbound(account.phone!, '+14155550702', 'A new contact meanwhile');

    const conversations = record(conversationsOf(op), { lastEventId: list.streamFrom, reportGaps: true });
    const messages = record(messagesOf(op), {
      sessionId: account.id,
      lastEventId: thread.streamFrom,
      reportGaps: true,
    });
    await waitFor(
      () => conversations.seen.includes('conversation:A new contact meanwhile'),
      'the missed conversations replayed',
    );
    await waitFor(
      () => messages.seen.includes('message:A new contact meanwhile'),
      'the missed messages replayed',
    );
    expect(conversations.seen).toContain('conversation:Between read and stream');
    expect(messages.seen).toContain('message:Between read and stream');
    expect(messages.seen).not.toContain('message:Before the list');
    expect([...conversations.seen, ...messages.seen]).not.toContain('gap');

    // Then live, as before.
    await inbound(account.phone!, '+14155550701', 'Live now');
    await waitFor(
      () => conversations.seen.includes('conversation:Live now'),
      'a live event after the replay',
    );
    conversations.stop();
    messages.stop();
    await op.close();
  });

  it("never replay another user's events, whatever resume point is handed in", async () => {
    const a = await operatorWithAccount('resume-owner@example.com', '4915100000711');
    const b = await operatorWithAccount('resume-other@example.com', '4915100000712');
    // A watches its messages live, so the bus keeps them for resuming (it keeps nothing nobody could resume).
    const watching = await watch(messagesOf(a.op));
    // A's own cursor, handed to B (and the very start of the bus, crafted): A's messages lie after both.
    const { streamFrom } = await a.op.conversations.list.query({});
    const start = `${streamFrom.split(':')[0]}:0`;
    await inbound(a.account.phone!, '+14155550711', 'Private to A');
    await inbound(b.account.phone!, '+14155550712', 'For B');

    const streams = [streamFrom, start].flatMap((lastEventId) => [
      record(conversationsOf(b.op), { lastEventId, reportGaps: true }),
      record(messagesOf(b.op), { lastEventId, reportGaps: true }),
      record(messagesOf(b.op), { sessionId: b.account.id, lastEventId }),
    ]);
    for (const stream of streams)
      await waitFor(() => stream.seen.some((s) => s.endsWith(':For B')), "B's own event replayed");
    // Asking for A's account by name is refused outright, as without a resume point.
    await expect(
      new Promise((resolve, reject) => {
        b.op.messages.onUpdate.subscribe(
          { sessionId: a.account.id, lastEventId: streamFrom },
          {
            onData: resolve,
            onError: reject,
          },
        );
      }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    // A's event came first in the bus: anything of it would have arrived before B's.
    for (const stream of streams) expect(stream.seen.join('|')).not.toContain('Private to A');
    for (const stream of streams) stream.stop();
    watching.unsubscribe();
    await a.op.close();
    await b.op.close();
  });

  it('say "gap" when they cannot resume (another server run), so the list is read again', async () => {
    const { op, account } = await operatorWithAccount('resume-gap@example.com', '4915100000721');
    const stale = '00000000:1';
    const asked = record(conversationsOf(op), { lastEventId: stale, reportGaps: true });
    const quiet = record(conversationsOf(op), { lastEventId: stale });
    await waitFor(() => asked.seen.includes('gap'), 'the gap said');
    // Live from there on; a client that did not ask is not told (older clients see no new event type).
    await inbound(account.phone!, '+14155550721', 'After the gap');
    await waitFor(() => quiet.seen.includes('conversation:After the gap'), 'live after a stale point');
    await waitFor(() => asked.seen.includes('conversation:After the gap'), 'live after the gap');
    expect(asked.seen).toEqual(['gap', 'conversation:After the gap']);
    expect(quiet.seen).toEqual(['conversation:After the gap']);
    asked.stop();
    quiet.stop();
    await op.close();
  });
});
