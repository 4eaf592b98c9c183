import { AppError, userActor } from '@switchboard/core';
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
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first: this needs a logged-in user' });
  return next({ ctx: { ...ctx, user: ctx.user, actor: userActor(ctx.user) } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can do this' });
  return next();
});
