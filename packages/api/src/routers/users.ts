import { z } from 'zod';
import { noInput, ok, user, userRole } from '../schemas.ts';
import { adminProcedure, router } from '../trpc.ts';

const userId = z.string().min(1).max(64);
const password = z.string().min(8, 'Password must be at least 8 characters').max(256);

export const usersRouter = router({
  list: adminProcedure
    .input(noInput)
    .output(z.array(user))
    .query(({ ctx }) => ctx.services.users.list(ctx.actor)),

  create: adminProcedure
    .input(
      z.object({
        email: z.string().trim().min(3).max(254),
        name: z.string().trim().min(1, 'Name is required').max(100),
        password,
        role: userRole.default('operator'),
      }),
    )
    .output(user)
    .mutation(({ ctx, input }) => ctx.services.users.create(ctx.actor, input)),

  /** Rename, change role, or reset the password (which signs that user out everywhere). */
  update: adminProcedure
    .input(
      z.object({
        id: userId,
        name: z.string().trim().min(1).max(100).optional(),
        role: userRole.optional(),
        password: password.optional(),
      }),
    )
    .output(user)
    .mutation(({ ctx, input }) => {
      const { id, ...changes } = input;
      return ctx.services.users.update(ctx.actor, id, changes);
    }),

  delete: adminProcedure
    .input(z.object({ id: userId }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.users.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),
});
