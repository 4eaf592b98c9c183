import { z } from 'zod';
import { rest } from '../rest/meta.ts';
import {
  contact,
  contactListInput,
  contactPage,
  contactTagsInput,
  contactUpdateInput,
  tagCounts,
  tagListInput,
} from '../schemas/inbox.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const contactsRouter = router({
  /** Alphabetical; per account or across every visible one; `search` by name or phone, `tag` by tag. */
  list: protectedProcedure
    .meta(rest('GET', '/contacts', { tag: 'Contacts', summary: 'List contacts, alphabetically' }))
    .input(contactListInput)
    .output(contactPage)
    .query(({ ctx, input }) => ctx.services.inbox.listContacts(ctx.actor, input)),

  /** Renames a contact (null: back to WhatsApp's push name from the next message on). */
  update: protectedProcedure
    .meta(
      rest('PATCH', '/contacts/{id}', {
        tag: 'Contacts',
        summary: 'Rename a contact',
        description: "`null` goes back to the contact's WhatsApp name from their next message on.",
      }),
    )
    .input(contactUpdateInput)
    .output(contact)
    .mutation(({ ctx, input }) => ctx.services.inbox.updateContact(ctx.actor, input)),

  /** Replaces a contact's tags; they are stored lowercase, each once. */
  setTags: protectedProcedure
    .meta(
      rest('PUT', '/contacts/{id}/tags', {
        tag: 'Contacts',
        summary: "Replace a contact's tags",
        description: 'Stored lowercase, each once. Campaigns pick audiences by them.',
      }),
    )
    .input(contactTagsInput)
    .output(z.object({ tags: z.array(z.string()) }))
    .mutation(({ ctx, input }) => ({ tags: ctx.services.contactTags.set(ctx.actor, input) })),

  /** The tags in use (on one account, or every visible one), with how many contacts carry each. */
  tags: protectedProcedure
    .meta(
      rest('GET', '/contacts/tags', {
        tag: 'Contacts',
        summary: 'The tags in use, with how many contacts carry each',
      }),
    )
    .input(tagListInput)
    .output(tagCounts)
    .query(({ ctx, input }) => ctx.services.contactTags.list(ctx.actor, input)),
});
