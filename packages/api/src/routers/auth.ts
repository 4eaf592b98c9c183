import type { Context } from '../context.ts';
import { noInput, ok } from '../schemas/common.ts';
import { loginInput, meOutput, setLocaleInput, setupInput, user } from '../schemas/users.ts';
import { publicProcedure, router, signedInProcedure } from '../trpc.ts';

function remember(ctx: Context, token: string, expiresAt: number) {
  ctx.cookies?.setSession(token, expiresAt);
}

export const authRouter = router({
  /** Who is signed in (null if nobody), and whether the server still waits for its first admin. */
  me: publicProcedure
    .input(noInput)
    .output(meOutput)
    .query(({ ctx }) => ({
      user: (ctx.credential && ctx.services.auth.identify(ctx.credential)?.user) ?? null,
      needsSetup: ctx.services.users.count() === 0,
    })),

  /** Creates the first admin while no user exists, and signs them in. */
  setup: publicProcedure
    .input(setupInput)
    .output(user)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.setup({ ...input, ip: ctx.ip, userAgent: ctx.userAgent });
      remember(ctx, result.token, result.expiresAt);
      return result.user;
    }),

  login: publicProcedure
    .input(loginInput)
    .output(user)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.login({ ...input, ip: ctx.ip, userAgent: ctx.userAgent });
      remember(ctx, result.token, result.expiresAt);
      return result.user;
    }),

  /** The signed-in user's dashboard language, kept for every browser they sign in from. */
  setLocale: signedInProcedure
    .input(setLocaleInput)
    .output(user)
    .mutation(({ ctx, input }) => ctx.services.users.setLocale(ctx.actor, input.locale)),

  logout: publicProcedure
    .input(noInput)
    .output(ok)
    .mutation(({ ctx }) => {
      // Signs out the cookie's sign-in; an API key is revoked in the dashboard, not by "signing out".
      if (ctx.credential?.kind === 'login') ctx.services.auth.logout(ctx.credential.secret);
      ctx.cookies?.clearSession();
      return { ok: true as const };
    }),
});
