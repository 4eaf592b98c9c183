import { AppError } from '@switchboard/core';
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Context } from './context.ts';
import { publicMessage, reasonOf, retryAfterOf, toTRPCError } from './errors.ts';

/** Procedures that are also REST endpoints say where in their meta (`rest()` in rest/meta.ts). */
const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    // Stack traces stay in the server log, never in responses.
    isDev: false,
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      message: publicMessage(error),
      data: {
        ...shape.data,
        retryAfterSeconds: retryAfterOf(error),
        reason: reasonOf(error)?.reason ?? null,
        params: reasonOf(error)?.params ?? null,
      },
    }),
  });

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped !== result.error.cause) throw mapped;
  }
  return result;
});

/**
 * The WebSocket serves subscriptions and nothing else: the dashboard needs nothing else from it, and a
 * query or mutation there would run as whoever opened the socket, perhaps long ago.
 */
const webSocketCarriesStreamsOnly = t.middleware(({ ctx, type, next }) => {
  if (ctx.transport === 'ws' && type !== 'subscription') {
    throw new TRPCError({
      code: 'METHOD_NOT_SUPPORTED',
      message: `The WebSocket serves subscriptions only: send ${type === 'query' ? 'queries' : 'mutations'} over HTTP (/trpc/<procedure>)`,
    });
  }
  return next();
});

/** Ends a stream's iteration (on its own, by error or by being stopped) by calling `done`. */
async function* releasing<T>(stream: AsyncIterable<T>, done: () => void): AsyncGenerator<T> {
  try {
    yield* stream;
  } finally {
    done();
  }
}

/**
 * Subscriptions run over the WebSocket only, where each connection holds a bounded number of them at once.
 * The slot is given back when the stream ends or is stopped (the socket closing stops them all).
 */
const boundedStreams = t.middleware(async ({ ctx, type, signal, next }) => {
  if (type !== 'subscription') return next();
  if (!ctx.streams) {
    throw new TRPCError({
      code: 'METHOD_NOT_SUPPORTED',
      message: 'Subscriptions are served over the WebSocket at /trpc only',
    });
  }
  const release = ctx.streams.take();
  signal?.addEventListener('abort', release, { once: true });
  const result = await next();
  if (!result.ok) {
    release();
    return result;
  }
  return { ...result, data: releasing(result.data as AsyncIterable<unknown>, release) };
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors).use(webSocketCarriesStreamsOnly);

/**
 * The one answer to a key that does not work, whether it is unknown, revoked or expired: nothing in it tells
 * a guesser which.
 */
export const KEY_REFUSED = 'This API key is not valid: it is unknown, revoked or expired';

/**
 * Resolves who is asking as of now — never from when a connection opened — counts an API key's request
 * against its rate limit, then holds streams to bounds.
 */
export const protectedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    const identity = ctx.credential ? ctx.services.auth.authenticate(ctx.credential) : null;
    if (!identity)
      throw ctx.credential?.kind === 'key'
        ? new AppError('UNAUTHORIZED', KEY_REFUSED)
        : new AppError('UNAUTHORIZED', 'Sign in first: this needs a logged-in user', {
            reason: 'auth.sign_in_required',
          });
    return next({ ctx: { ...ctx, user: identity.user, actor: identity.actor } });
  })
  .use(boundedStreams);

/**
 * For what only a person who signed in may do — managing users and API keys: a key that could would outlive
 * its own revocation (by making another) or reach past its scopes.
 */
export const signedInProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.key)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Sign in to do this: it cannot be done with an API key',
    });
  return next();
});

export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can do this' });
  return next();
});
