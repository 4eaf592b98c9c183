import { AppError, type Identity } from '@switchboard/core';
import { initTRPC, type ProcedureType, TRPCError } from '@trpc/server';
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

/** Ends a stream's iteration (on its own, by error or by being stopped) by calling `done`. */
async function* releasing<T>(stream: AsyncIterable<T>, done: () => void): AsyncGenerator<T> {
  try {
    yield* stream;
  } finally {
    done();
  }
}

/**
 * The one answer to a key that does not work, whether it is unknown, revoked or expired: nothing in it tells
 * a guesser which.
 */
export const KEY_REFUSED = 'This API key is not valid: it is unknown, revoked or expired';

/** Who is asking, as the procedures of signed-in callers see it. */
type Caller = Pick<Identity, 'user' | 'actor'>;

/** What a procedure needs of its caller beyond being identified. */
type Requirement = 'identified' | 'signed-in' | 'admin';

/**
 * The WebSocket serves subscriptions and nothing else: the dashboard needs nothing else from it, and a
 * query or mutation there would run as whoever opened the socket, perhaps long ago.
 */
function webSocketCarriesStreamsOnly(ctx: Context, type: ProcedureType): void {
  if (ctx.transport === 'ws' && type !== 'subscription') {
    throw new TRPCError({
      code: 'METHOD_NOT_SUPPORTED',
      message: `The WebSocket serves subscriptions only: send ${type === 'query' ? 'queries' : 'mutations'} over HTTP (/trpc/<procedure>)`,
    });
  }
}

/** Who is asking, as of now — never from when a connection opened — counting an API key's request. */
function identify(ctx: Context): Caller {
  const identity = ctx.credential ? ctx.services.auth.authenticate(ctx.credential) : null;
  if (!identity)
    throw ctx.credential?.kind === 'key'
      ? new AppError('UNAUTHORIZED', KEY_REFUSED)
      : new AppError('UNAUTHORIZED', 'Sign in first: this needs a logged-in user', {
          reason: 'auth.sign_in_required',
        });
  return { user: identity.user, actor: identity.actor };
}

/** The checks for what a procedure needs of its caller, in order; throws the first refusal. */
function admit(ctx: Context, type: ProcedureType, needs: Requirement): Caller {
  webSocketCarriesStreamsOnly(ctx, type);
  const caller = identify(ctx);
  if (type === 'subscription' && !ctx.streams) {
    throw new TRPCError({
      code: 'METHOD_NOT_SUPPORTED',
      message: 'Subscriptions are served over the WebSocket at /trpc only',
    });
  }
  // A key that could manage users and keys would outlive its own revocation (by making another) or reach
  // past its scopes.
  if (needs !== 'identified' && caller.actor.key)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Sign in to do this: it cannot be done with an API key',
    });
  if (needs === 'admin' && caller.user.role !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can do this' });
  return caller;
}

/**
 * Domain errors keep their code and wording on the wire: a refusal thrown before the procedure ran is
 * mapped by `toTRPCError` as it is thrown, one from the procedure (which tRPC wraps) by its cause.
 */
function mapped<R extends { ok: boolean }>(result: R & ({ ok: true } | { ok: false; error: TRPCError })): R {
  if (!result.ok) {
    const error = toTRPCError(result.error.cause);
    if (error !== result.error.cause) throw error;
  }
  return result;
}

/** Procedures anyone may call (sign-in, first setup): over HTTP only. */
const open = t.middleware(async ({ ctx, type, next }) => {
  try {
    webSocketCarriesStreamsOnly(ctx, type);
  } catch (error) {
    throw toTRPCError(error);
  }
  return mapped(await next());
});

/**
 * Every check a procedure's caller goes through (`admit`), in one middleware rather than one level each:
 * each level of tRPC's chain copies the call's options and context, which cost a tenth of a send's CPU.
 * All of it runs before the input is parsed. A subscription holds one of its WebSocket's bounded stream
 * slots, given back when the stream ends or is stopped (the socket closing stops them all).
 */
function guarded(needs: Requirement) {
  return t.middleware(async ({ ctx, type, signal, next }) => {
    let caller: Caller;
    try {
      caller = admit(ctx, type, needs);
    } catch (error) {
      throw toTRPCError(error);
    }
    if (type !== 'subscription') return mapped(await next({ ctx: caller }));
    const release = ctx.streams!.take();
    signal?.addEventListener('abort', release, { once: true });
    const result = await next({ ctx: caller });
    if (!result.ok) {
      release();
      return mapped(result);
    }
    return { ...result, data: releasing(result.data as AsyncIterable<unknown>, release) };
  });
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(open);
export const protectedProcedure = t.procedure.use(guarded('identified'));
/** For what only a person who signed in may do — managing users and API keys. */
export const signedInProcedure = t.procedure.use(guarded('signed-in'));
export const adminProcedure = t.procedure.use(guarded('admin'));
