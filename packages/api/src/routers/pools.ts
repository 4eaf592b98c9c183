import { z } from 'zod';
import { rest } from '../rest/meta.ts';
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
    .meta(rest('GET', '/pools', { tag: 'Pools', summary: 'List the pools you can see' }))
    .input(noInput)
    .output(z.array(pool))
    .query(({ ctx }) => ctx.services.pools.list(ctx.actor)),

  byId: protectedProcedure
    .meta(rest('GET', '/pools/{id}', { tag: 'Pools', summary: 'Get a pool' }))
    .input(campaignIdInput)
    .output(pool)
    .query(({ ctx, input }) => ctx.services.pools.get(ctx.actor, input.id)),

  /** A named group of sessions that sends (`messages.send` with `poolId`) and campaigns can spread over. */
  create: protectedProcedure
    .meta(
      rest('POST', '/pools', {
        tag: 'Pools',
        summary: 'Create a pool of sessions',
        description:
          'Sends (`POST /messages` with `poolId`) and campaigns naming it go out from one of its connected sessions per recipient, the same one for a recipient while it is up.',
      }),
    )
    .input(z.object({ name: z.string().max(200), sessionIds }))
    .output(pool)
    .mutation(({ ctx, input }) => ctx.services.pools.create(ctx.actor, input)),

  update: protectedProcedure
    .meta(rest('PATCH', '/pools/{id}', { tag: 'Pools', summary: 'Rename a pool or change its sessions' }))
    .input(
      z.object({ id: entityId, name: z.string().max(200).optional(), sessionIds: sessionIds.optional() }),
    )
    .output(pool)
    .mutation(({ ctx, input }) => ctx.services.pools.update(ctx.actor, input)),

  delete: protectedProcedure
    .meta(rest('DELETE', '/pools/{id}', { tag: 'Pools', summary: 'Delete a pool' }))
    .input(campaignIdInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.pools.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),
});
