import { z } from 'zod';
import { noInput, ok } from '../schemas/common.ts';
import { user, userCreateInput, userDeleteInput, userUpdateInput } from '../schemas/users.ts';
import { adminProcedure, router } from '../trpc.ts';

export const usersRouter = router({
  list: adminProcedure
    .input(noInput)
    .output(z.array(user))
    .query(({ ctx }) => ctx.services.users.list(ctx.actor)),

  create: adminProcedure
    .input(userCreateInput)
    .output(user)
    .mutation(({ ctx, input }) => ctx.services.users.create(ctx.actor, input)),

  /** Rename, change role, or reset the password (which signs that user out everywhere). */
  update: adminProcedure
    .input(userUpdateInput)
    .output(user)
    .mutation(({ ctx, input }) => {
      const { id, ...changes } = input;
      return ctx.services.users.update(ctx.actor, id, changes);
    }),

  delete: adminProcedure
    .input(userDeleteInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.users.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),
});
