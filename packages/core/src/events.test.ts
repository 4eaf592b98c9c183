import { describe, expect, it } from 'vitest';
import { type BusChannel, EventBus, type SessionEvent } from './events.ts';

const status = (sessionId: string) =>
  ({
    type: 'status',
    sessionId,
    ownerId: 'owner',
    status: 'starting',
    reasonCoded: null,
    reason: null,
    phone: null,
    pushName: null,
    lastConnectedAt: null,
    nextRetryAt: null,
    limited: null,
  }) as const;

const seqOf = (id: string) => Number(id.split(':')[1]);

/** A bus that keeps these channels' events to be resumed from: a reader has just read a list of each. */
function resumable(...channels: BusChannel[]): EventBus {
  const bus = new EventBus();
  for (const channel of channels) bus.readFrom(channel);
  return bus;
}

describe('EventBus', () => {
  it('stamps events with increasing resumable ids and a time, and delivers them to listeners', () => {
    const bus = new EventBus();
    const heard: SessionEvent[] = [];
    bus.on('session', (e) => heard.push(e));
    const before = Date.now();
    const first = bus.publishSession(status('a'));
    const second = bus.publishSession({ type: 'deleted', sessionId: 'b', ownerId: 'owner' });
    expect(heard).toEqual([first, second]);
    expect(first.id).toMatch(/^[0-9a-f]{8}:1$/);
    expect(seqOf(second.id)).toBe(2);
    expect(first.at).toBeGreaterThanOrEqual(before);
    expect(bus.lastId).toBe(second.id);
  });

  it('has a valid lastId before anything was published; resuming from it yields nothing', () => {
    const bus = new EventBus();
    expect(bus.lastId).toMatch(/^[0-9a-f]{8}:0$/);
    expect(bus.since(bus.lastId)).toEqual([]);
  });

  it('resumes after a given id with session and message events, oldest first', () => {
    const bus = resumable('session', 'message');
    const a = bus.publishSession(status('a'));
    const b = bus.publishSession(status('b'));
    const c = bus.publishMessage({
      type: 'message',
      sessionId: 'a',
      ownerId: 'owner',
      message: {
        id: 'm1',
        accountId: 'a',
        direction: 'in',
        type: 'text',
        peer: '491',
        peerName: null,
        body: 'hi',
        status: 'received',
        externalId: 'x',
        error: null,
        errorCoded: null,
        conversationId: null,
        media: null,
        location: null,
        groupId: null,
        createdAt: 1,
        updatedAt: 1,
      },
    });
    expect(bus.since(a.id)).toEqual([b, c]);
    expect(bus.since(c.id)).toEqual([]);
    expect(bus.since(`${a.id.split(':')[0]}:0`)).toEqual([a, b, c]);
  });

  it('answers null for ids it cannot place: another run, the future, or garbage', () => {
    const bus = new EventBus();
    bus.publishSession(status('a'));
    const other = new EventBus();
    other.publishSession(status('a'));
    expect(bus.since(other.lastId)).toBeNull();
    expect(bus.since('deadbeef:1')).toBeNull();
    const boot = bus.lastId.split(':')[0];
    expect(bus.since(`${boot}:99`)).toBeNull();
    expect(bus.since(`${boot}:abc`)).toBeNull();
    expect(bus.since(`${boot}:1.5`)).toBeNull();
    expect(bus.since(boot ?? '')).toBeNull();
    expect(bus.since('')).toBeNull();
  });

  it('answers null once the events after the id have fallen out of the backlog', () => {
    const bus = new EventBus({ backlogSize: 3 });
    bus.readFrom('session');
    const ids = [1, 2, 3, 4, 5].map((n) => bus.publishSession(status(`s${n}`)).id);
    const boot = ids[0]?.split(':')[0];
    // The backlog holds 3, 4, 5: resuming after 2 still misses nothing, after 1 it would miss 2.
    expect(bus.since(ids[1] ?? '')?.map((e) => e.sessionId)).toEqual(['s3', 's4', 's5']);
    expect(bus.since(ids[0] ?? '')).toBeNull();
    expect(bus.since(`${boot}:0`)).toBeNull();
    expect(bus.since(ids[3] ?? '')?.map((e) => e.sessionId)).toEqual(['s5']);
  });

  it('has no listener limit warning with many subscribers', () => {
    const bus = new EventBus();
    for (let i = 0; i < 50; i++) bus.on('session', () => {});
    expect(bus.getMaxListeners()).toBe(0);
    expect(bus.listenerCount('session')).toBe(50);
  });

  it('resumes one channel only, and streams a channel from the moment it is asked for', async () => {
    const bus = resumable('session', 'conversation');
    const first = bus.publishSession(status('a'));
    bus.publishConversation({
      type: 'conversation',
      sessionId: 'a',
      ownerId: 'owner',
      conversation: {
        id: 'c1',
        accountId: 'a',
        contact: {
          id: 'k1',
          accountId: 'a',
          phone: '491',
          lid: null,
          name: null,
          tags: [],
          createdAt: 1,
          updatedAt: 1,
        },
        status: 'open',
        unreadCount: 1,
        assignee: null,
        lastMessageAt: 1,
        lastMessagePreview: 'hi',
        createdAt: 1,
        updatedAt: 1,
      },
      absorbed: null,
    });
    const second = bus.publishSession(status('b'));
    expect(bus.missed('session', first.id)).toEqual([second]);
    expect(bus.missed('conversation', second.id)).toEqual([]);
    expect(bus.missed('session', 'another-run:1')).toBeNull();

    const abort = new AbortController();
    const stream = bus.stream('session', abort.signal)[Symbol.asyncIterator]();
    const third = bus.publishSession(status('c'));
    expect((await stream.next()).value).toEqual(third);
    abort.abort();
    await expect(stream.next()).rejects.toThrow(/abort/i);
    expect(bus.listenerCount('session')).toBe(0);
  });

  it('tells whether a channel is heard; an event skipped for nobody makes a resume from before it start afresh', () => {
    const bus = resumable('session');
    const before = bus.publishSession(status('a'));
    expect(bus.heard('conversation')).toBe(false);
    const after = bus.publishSession(status('b'));
    // Nothing of the session channel was skipped: it still resumes.
    expect(bus.missed('session', before.id)).toEqual([after]);
    expect(bus.missed('conversation', before.id)).toBeNull();
    expect(bus.since(before.id)).toBeNull();
    // From after the skipped one, nothing is missing.
    expect(bus.missed('conversation', after.id)).toEqual([]);
    bus.on('conversation', () => {});
    expect(bus.heard('conversation')).toBe(true);
    expect(bus.missed('conversation', after.id)).toEqual([]);
  });

  it('counts a channel heard for a while after a list was read from it, so its events wait to be replayed', () => {
    const bus = new EventBus();
    expect(bus.heard('conversation')).toBe(false);
    const from = bus.readFrom('conversation');
    // Nobody listens yet, but a reader will subscribe from `from`: the event is built and kept.
    expect(bus.heard('conversation')).toBe(true);
    expect(bus.heard('message')).toBe(false);
    expect(bus.missed('conversation', from)).toEqual([]);
    // Without that while, nothing is kept for it.
    const brief = new EventBus({ awaitMs: 0 });
    brief.readFrom('conversation');
    expect(brief.heard('conversation')).toBe(false);
  });

  it('keeps no events of a channel nobody streams or may come to resume: a resume from before them starts afresh', () => {
    const bus = new EventBus();
    const before = bus.publishSession(status('a'));
    bus.publishSession(status('b'));
    expect(bus.missed('session', before.id)).toBeNull();
    expect(bus.since(before.id)).toBeNull();
    // Listeners inside the server are told all the same.
    const told: string[] = [];
    bus.on('session', (e) => told.push(e.sessionId));
    bus.publishSession(status('c'));
    expect(told).toEqual(['c']);
  });

  it('keeps the events of a streamed channel, and for a while after its stream ended, so a subscriber that reconnects resumes', async () => {
    const bus = new EventBus();
    const abort = new AbortController();
    const stream = bus.stream('session', abort.signal)[Symbol.asyncIterator]();
    const seen = bus.publishSession(status('a'));
    expect((await stream.next()).value).toEqual(seen);
    abort.abort();
    await expect(stream.next()).rejects.toThrow(/abort/i);
    const meanwhile = bus.publishSession(status('b'));
    expect(bus.missed('session', seen.id)).toEqual([meanwhile]);

    // Once that while is over, nothing is kept for it.
    const brief = new EventBus({ awaitMs: 0 });
    const briefAbort = new AbortController();
    brief.stream('session', briefAbort.signal);
    const last = brief.publishSession(status('a'));
    expect(brief.missed('session', last.id)).toEqual([]);
    briefAbort.abort();
    brief.publishSession(status('b'));
    expect(brief.missed('session', last.id)).toBeNull();
  });

  it('tells delivery watchers of each change while they watch, and says when nobody does', async () => {
    const bus = new EventBus();
    expect(bus.watchingDeliveries).toBe(false);
    const abort = new AbortController();
    const changes = bus.webhookChanges(abort.signal)[Symbol.asyncIterator]();
    expect(bus.watchingDeliveries).toBe(true);
    bus.publishDelivery({ webhookId: 'w1', deliveryId: 'd1' });
    expect((await changes.next()).value).toEqual({ webhookId: 'w1', deliveryId: 'd1' });
    // An endpoint's change comes on the same stream, and the endpoint caches hear of it too.
    let cachesTold = 0;
    bus.onWebhooksChange(() => cachesTold++);
    bus.publishEndpointChange({ webhookId: 'w1', accountId: null });
    expect((await changes.next()).value).toEqual({ webhookId: 'w1', accountId: null });
    expect(cachesTold).toBe(1);
    abort.abort();
    await changes.next().catch(() => undefined);
    expect(bus.watchingDeliveries).toBe(false);
  });
});
