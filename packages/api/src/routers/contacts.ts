import { z } from 'zod';
import { contact, sessionId } from '../schemas.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const contactsRouter = router({
  /** Alphabetical; per account or across every visible one; `search` by name or phone. */
  list: protectedProcedure
    .input(
      z
        .object({
          sessionId: sessionId.nullish(),
          search: z.string().max(100).nullish(),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).default(0),
        })
        .default({ limit: 100, offset: 0 }),
    )
    .output(z.object({ items: z.array(contact), nextOffset: z.number().nullable() }))
    .query(({ ctx, input }) => ctx.services.inbox.listContacts(ctx.actor, input)),

  /** Renames a contact (null: back to WhatsApp's push name from the next message on). */
  update: protectedProcedure
    .input(z.object({ id: z.string().min(1).max(100), name: z.string().trim().min(1).max(100).nullable() }))
    .output(contact)
    .mutation(({ ctx, input }) => ctx.services.inbox.updateContact(ctx.actor, input)),
});
