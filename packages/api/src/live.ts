import { on } from 'node:events';
import { type Actor, type BusEvents, canSee } from '@switchboard/core';
import { TRPCError, tracked } from '@trpc/server';
import type { Context } from './context.ts';
import { toTRPCError } from './trpc.ts';

/**
 * Subscriptions outlive the request that opened them, so they ask again who is asking: a sign-out, a
 * password reset or a role change ends or narrows a stream at its next event, not when the socket closes.
 */
export function currentActor(ctx: Context): Actor {
  const user = ctx.token ? ctx.services.auth.userForToken(ctx.token) : null;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your sign-in has ended: sign in again' });
  return { id: user.id, role: user.role };
}

/** Runs a check at the start of a subscription so its domain error keeps its code (not a 500). */
export function check<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toTRPCError(error);
  }
}

/**
 * A subscription to one bus channel ('message' or 'conversation'), for the sessions the user may see or
 * for one of them. It subscribes before reading what a reconnecting client missed (`lastEventId`), so
 * nothing falls between the two, and re-checks the user on every event.
 */
export async function* streamChannel<K extends 'message' | 'conversation', T>(
  ctx: Context,
  channel: K,
  schema: { parse(value: unknown): T },
  input: { sessionId?: string; lastEventId?: string | null } | undefined,
  signal: AbortSignal | undefined,
) {
  const { sessions, bus } = ctx.services;
  const sessionId = input?.sessionId;
  const actor = currentActor(ctx);
  if (sessionId) check(() => sessions.visibleOwner(actor, sessionId));
  const wanted = (e: BusEvents[K][0]) =>
    (!sessionId || e.sessionId === sessionId) && canSee(currentActor(ctx), e.ownerId);

  const live = on(bus, channel, signal ? { signal } : {});
  const missed = input?.lastEventId ? (bus.since(input.lastEventId) ?? []) : [];
  for (const event of missed) {
    if (event.type === channel && wanted(event as BusEvents[K][0]))
      yield tracked(event.id, schema.parse(event));
  }
  for await (const [event] of live as AsyncIterableIterator<[BusEvents[K][0]]>) {
    if (wanted(event)) yield tracked(event.id, schema.parse(event));
  }
}
