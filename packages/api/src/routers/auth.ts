import { z } from 'zod';
import type { Context } from '../context.ts';
import { noInput, ok, user } from '../schemas.ts';
import { publicProcedure, router } from '../trpc.ts';

const credentials = {
  email: z.string().trim().min(3, 'Email is required').max(254),
  password: z.string().min(1, 'Password is required').max(256),
};

function remember(ctx: Context, token: string, expiresAt: number) {
  ctx.cookies?.setSession(token, expiresAt);
}

export const authRouter = router({
  /** Who is signed in (null if nobody), and whether the server still waits for its first admin. */
  me: publicProcedure
    .input(noInput)
    .output(z.object({ user: user.nullable(), needsSetup: z.boolean() }))
    .query(({ ctx }) => ({ user: ctx.user, needsSetup: ctx.services.users.count() === 0 })),

  /** Creates the first admin while no user exists, and signs them in. */
  setup: publicProcedure
    .input(z.object({ ...credentials, name: z.string().trim().min(1, 'Name is required').max(100) }))
    .output(user)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.setup({ ...input, ip: ctx.ip, userAgent: ctx.userAgent });
      remember(ctx, result.token, result.expiresAt);
      return result.user;
    }),

  login: publicProcedure
    .input(z.object(credentials))
    .output(user)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.login({ ...input, ip: ctx.ip, userAgent: ctx.userAgent });
      remember(ctx, result.token, result.expiresAt);
      return result.user;
    }),

  logout: publicProcedure
    .input(noInput)
    .output(ok)
    .mutation(({ ctx }) => {
      if (ctx.token) ctx.services.auth.logout(ctx.token);
      ctx.cookies?.clearSession();
      return { ok: true as const };
    }),
});
