import type { Actor } from '@switchboard/core';
import { TRPCError } from '@trpc/server';
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
