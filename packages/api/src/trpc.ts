import { AppError } from '@switchboard/core';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context.ts';
import { toTRPCError } from './errors.ts';
import { errorRef, internalErrorMessage } from './internal-errors.ts';

/** Zod's raw issue list is for machines; people get one sentence per problem, naming the field. */
const readable = (error: z.ZodError) =>
  error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

const t = initTRPC.context<Context>().create({
  // Stack traces stay in the server log, never in responses.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    // An internal error's message may hold a file path or raw SQL error: it goes to the log, not the client.
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal
        ? internalErrorMessage(errorRef(error))
        : cause instanceof z.ZodError
          ? readable(cause)
          : shape.message,
      data: {
        ...shape.data,
        retryAfterSeconds: cause instanceof AppError ? (cause.retryAfterSeconds ?? null) : null,
      },
    };
  },
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

/** Resolves who is asking as of now — never from when a connection opened — then holds streams to bounds. */
export const protectedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    const identity = ctx.credential ? ctx.services.auth.identify(ctx.credential) : null;
    if (!identity)
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first: this needs a logged-in user' });
    return next({ ctx: { ...ctx, user: identity.user, actor: identity.actor } });
  })
  .use(boundedStreams);

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can do this' });
  return next();
});
