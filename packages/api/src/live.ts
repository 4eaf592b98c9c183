import {
  type Actor,
  type BusChannel,
  type ChannelEvent,
  canSeeAccount,
  hasScope,
  requireScope,
} from '@switchboard/core';
import type { Scope } from '@switchboard/validators';
import { TRPCError, tracked } from '@trpc/server';
import type { Context } from './context.ts';
import { toTRPCError } from './errors.ts';

/**
 * Subscriptions outlive the call that opened them, so they ask again who is asking on every event: a
 * sign-out, password reset or role change ends or narrows a stream at once. Cached in core, so cheap.
 */
export function currentActor(ctx: Context): Actor {
  const identity = ctx.credential ? ctx.services.auth.identify(ctx.credential) : null;
  if (!identity)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your sign-in has ended: sign in again' });
  return identity.actor;
}

/** Runs a check at the start of a subscription so its domain error keeps its code (not a 500). */
export function check<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toTRPCError(error);
  }
}

/** The channels whose events belong to one account (campaigns can belong to a pool: they stream their own way). */
export type AccountChannel = Exclude<BusChannel, 'campaign'>;

export interface StreamOptions<K extends AccountChannel, T> {
  channel: K;
  /** What the subscriber must hold to receive the channel's events. */
  scope: Scope;
  /** Checks (and shapes) each event on its way out. */
  schema: { parse(value: unknown): T };
  /** One session's events only; NOT_FOUND when the actor may not see it. */
  sessionId?: string | undefined;
  /** The last event a reconnecting client saw: it first gets what it missed. */
  lastEventId?: string | null | undefined;
  /**
   * The current state, for a new subscriber (or one whose `lastEventId` is too old to resume from), as
   * events stamped with the given id.
   */
  snapshot?: (actor: Actor, eventId: string) => ChannelEvent<K>[];
  /**
   * Sends the snapshot (or the missed events) as one message made of them, even when there are none, so a
   * client with many sessions applies the starting state in one go and knows when it has it all.
   */
  bundle?: ((events: T[], id: string) => T) | undefined;
  /** Asked for by the subscriber: told (`gap`) instead of a replay when `lastEventId` is too old to resume from. */
  reportGaps?: boolean | undefined;
  /** What such a subscriber is told then: it reads its list again. */
  gap?: T | undefined;
  signal: AbortSignal | undefined;
}

/**
 * A subscription to one bus channel, for the sessions the user may see or for one of them. It subscribes
 * before reading what came earlier (the missed events, or the snapshot), so nothing falls between the two,
 * and asks again who is asking on every event.
 */
export async function* streamChannel<K extends AccountChannel, T>(
  ctx: Context,
  options: StreamOptions<K, T>,
) {
  const { bus, access } = ctx.services;
  const { channel, scope, schema, sessionId, lastEventId, snapshot, bundle, reportGaps, gap, signal } =
    options;
  const actor = currentActor(ctx);
  check(() => (sessionId ? access.account(actor, sessionId, scope) : requireScope(actor, scope)));
  const wanted = (e: ChannelEvent<K>) => {
    if (sessionId && e.sessionId !== sessionId) return false;
    const now = currentActor(ctx);
    if (!hasScope(now, scope)) return false;
    // A transfer is news to the previous owner too: the account leaves their view.
    const owners = 'previousOwnerId' in e ? [e.ownerId, e.previousOwnerId] : [e.ownerId];
    return owners.some((ownerId) => canSeeAccount(now, { id: e.sessionId, ownerId }));
  };

  const live = bus.stream(channel, signal);
  const missed = lastEventId ? bus.missed(channel, lastEventId) : null;
  const startId = bus.lastId;
  const earlier = missed ?? snapshot?.(currentActor(ctx), startId) ?? [];
  // Nothing to replay from there and no snapshot to start from: a client that asked is told to read afresh.
  if (lastEventId && !missed && !snapshot && reportGaps && gap) yield tracked(startId, gap);
  if (bundle) {
    const events = earlier.filter(wanted).map((event) => schema.parse(event));
    // Resuming from the last event delivered: the next event continues from it.
    const id = earlier.at(-1)?.id ?? (missed ? lastEventId : null) ?? startId;
    yield tracked(id, bundle(events, id));
  } else {
    // Each replayed event passes the same access check as a live one: a resume point is only a position
    // in the bus, whoever's events lie after it.
    for (const event of earlier) if (wanted(event)) yield tracked(event.id, schema.parse(event));
  }
  for await (const event of live) if (wanted(event)) yield tracked(event.id, schema.parse(event));
}
