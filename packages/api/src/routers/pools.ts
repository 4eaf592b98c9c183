import { z } from 'zod';
import { campaignIdInput, entityId } from '../schemas/campaigns.ts';
import { noInput, ok, sessionId } from '../schemas/common.ts';
import { protectedProcedure, router } from '../trpc.ts';

const pool = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  sessionIds: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const sessionIds = z.array(sessionId).min(1).max(50);

export const poolsRouter = router({
  list: protectedProcedure
    .input(noInput)
    .output(z.array(pool))
    .query(({ ctx }) => ctx.services.pools.list(ctx.actor)),

  byId: protectedProcedure
    .input(campaignIdInput)
    .output(pool)
    .query(({ ctx, input }) => ctx.services.pools.get(ctx.actor, input.id)),

  /** A named group of sessions that sends (`messages.send` with `poolId`) and campaigns can spread over. */
  create: protectedProcedure
    .input(z.object({ name: z.string().max(200), sessionIds }))
    .output(pool)
    .mutation(({ ctx, input }) => ctx.services.pools.create(ctx.actor, input)),

  update: protectedProcedure
    .input(
      z.object({ id: entityId, name: z.string().max(200).optional(), sessionIds: sessionIds.optional() }),
    )
    .output(pool)
    .mutation(({ ctx, input }) => ctx.services.pools.update(ctx.actor, input)),

  delete: protectedProcedure
    .input(campaignIdInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.pools.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),
});
