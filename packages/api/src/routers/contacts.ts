import { contact, contactListInput, contactPage, contactUpdateInput } from '../schemas/inbox.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const contactsRouter = router({
  /** Alphabetical; per account or across every visible one; `search` by name or phone. */
  list: protectedProcedure
    .input(contactListInput)
    .output(contactPage)
    .query(({ ctx, input }) => ctx.services.inbox.listContacts(ctx.actor, input)),

  /** Renames a contact (null: back to WhatsApp's push name from the next message on). */
  update: protectedProcedure
    .input(contactUpdateInput)
    .output(contact)
    .mutation(({ ctx, input }) => ctx.services.inbox.updateContact(ctx.actor, input)),
});
