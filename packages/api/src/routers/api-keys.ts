import { z } from 'zod';
import {
  apiKey,
  apiKeyCreated,
  apiKeyCreateInput,
  apiKeyIdInput,
  apiKeyListInput,
} from '../schemas/api-keys.ts';
import { router, signedInProcedure } from '../trpc.ts';

/** Keys are managed by signed-in users only (never with a key): their own, and for admins everyone's. */
export const apiKeysRouter = router({
  /** Your keys, newest first; admins see everyone's (or one user's, with `userId`). */
  list: signedInProcedure
    .input(apiKeyListInput)
    .output(z.array(apiKey))
    .query(({ ctx, input }) => ctx.services.apiKeys.list(ctx.actor, { userId: input?.userId })),

  /** The key (`secret`) is in this answer only. */
  create: signedInProcedure
    .input(apiKeyCreateInput)
    .output(apiKeyCreated)
    .mutation(({ ctx, input }) => ctx.services.apiKeys.create(ctx.actor, input)),

  /** Stops working at once, also on open WebSocket connections. */
  revoke: signedInProcedure
    .input(apiKeyIdInput)
    .output(apiKey)
    .mutation(({ ctx, input }) => ctx.services.apiKeys.revoke(ctx.actor, input.id)),
});
