import { type Contact, contacts, conversations, type Db, messages } from '@switchboard/db';
import { isLid } from '@switchboard/validators';
import { and, eq, or, sql } from 'drizzle-orm';
import { newId } from '../ids.ts';
import { direct, perDatabase } from '../prepared.ts';

const byPhone = perDatabase((db) =>
  direct<Contact>(
    db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.accountId, sql.placeholder('accountId')),
          eq(contacts.phone, sql.placeholder('phone')),
        ),
      )
      .prepare(),
  ),
);

/** Everyone a message's sender may already be: under the number, under the LID, or knowing the LID. */
const byPhoneOrLid = perDatabase((db) =>
  direct<Contact>(
    db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.accountId, sql.placeholder('accountId')),
          or(
            eq(contacts.phone, sql.placeholder('phone')),
            eq(contacts.phone, sql.placeholder('lid')),
            eq(contacts.lid, sql.placeholder('lid')),
          ),
        ),
      )
      .prepare(),
  ),
);

/** Who a message is from or for, as the engine named them. */
export interface Peer {
  accountId: string;
  /** Their number's digits, or their LID when WhatsApp did not tell the number. */
  peer: string;
  /** Their LID when WhatsApp gave it (also when `peer` is their number). */
  lid?: string | undefined;
  /** WhatsApp's push name, when the message carried one. */
  pushName?: string | null | undefined;
}

/**
 * The contact of a message, created on first sight. A person may be known by number, by LID, or both:
 * every contact that names them (by number, by LID, or a LID-only one kept under its LID) becomes one —
 * the one with the number survives, learns the LID (or the number), and takes over the others' messages and
 * conversation. Returns the contact and the conversations that were merged away. Runs inside the message's
 * transaction (synchronous on purpose).
 */
export function resolveContact(db: Db, who: Peer): { contact: Contact; absorbed: string[] } {
  const now = Date.now();
  const lid = who.lid ?? (isLid(who.peer) ? who.peer : undefined);
  // Both lookups are prepared once: the common case — a number, no LID — is one read of the (account,
  // phone) index.
  const found = lid
    ? byPhoneOrLid(db).all({ accountId: who.accountId, phone: who.peer, lid })
    : byPhone(db).all({ accountId: who.accountId, phone: who.peer });
  if (found.length === 0) {
    const contact = db
      .insert(contacts)
      .values({
        id: newId(),
        accountId: who.accountId,
        phone: who.peer,
        lid: lid ?? null,
        name: who.pushName ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return { contact, absorbed: [] };
  }

  // The contact under the number survives; a LID-only one only when no contact has the number.
  const survivor =
    found.find((c) => c.phone === who.peer && !isLid(c.phone)) ??
    found.find((c) => !isLid(c.phone)) ??
    found[0]!;
  const others = found.filter((c) => c.id !== survivor.id);
  const absorbed = others.flatMap((other) => absorb(db, other, survivor));
  const named = others.find((c) => c.nameEdited);
  const phone = isLid(survivor.phone) && !isLid(who.peer) ? who.peer : survivor.phone;
  const name = survivor.nameEdited
    ? survivor.name
    : (named?.name ?? (who.pushName || survivor.name || others.find((c) => c.name)?.name || null));
  const changes = {
    phone,
    lid: lid ?? survivor.lid,
    name,
    nameEdited: survivor.nameEdited || named !== undefined,
  };
  const unchanged = (Object.keys(changes) as Array<keyof typeof changes>).every(
    (key) => changes[key] === survivor[key],
  );
  if (unchanged) return { contact: survivor, absorbed };
  const contact = db
    .update(contacts)
    .set({ ...changes, updatedAt: now })
    .where(eq(contacts.id, survivor.id))
    .returning()
    .get()!;
  // Messages kept under the LID now name the number, like the contact.
  if (phone !== survivor.phone)
    db.update(messages)
      .set({ peer: phone })
      .where(and(eq(messages.accountId, who.accountId), eq(messages.peer, survivor.phone)))
      .run();
  return { contact, absorbed };
}

/**
 * Moves everything of `from` onto `into` — its messages (renamed to `into`'s number), its conversation
 * (merged into `into`'s, or handed over when `into` has none) — and deletes it. Returns the conversations
 * that no longer exist (the one merged away, if any).
 */
function absorb(db: Db, from: Contact, into: Contact): string[] {
  db.update(messages)
    .set({ peer: into.phone })
    .where(and(eq(messages.accountId, from.accountId), eq(messages.peer, from.phone)))
    .run();
  const theirs = db.select().from(conversations).where(eq(conversations.contactId, from.id)).get();
  const ours = db.select().from(conversations).where(eq(conversations.contactId, into.id)).get();
  let gone: string[] = [];
  if (theirs && !ours) {
    db.update(conversations).set({ contactId: into.id }).where(eq(conversations.id, theirs.id)).run();
  } else if (theirs && ours) {
    db.update(messages).set({ conversationId: ours.id }).where(eq(messages.conversationId, theirs.id)).run();
    const latest = theirs.lastMessageAt > ours.lastMessageAt ? theirs : ours;
    db.update(conversations)
      .set({
        unreadCount: ours.unreadCount + theirs.unreadCount,
        lastMessageAt: latest.lastMessageAt,
        lastMessagePreview: latest.lastMessagePreview,
        // Open if either was: something in it still waits for an answer.
        status: ours.status === 'open' || theirs.status === 'open' ? 'open' : 'resolved',
        updatedAt: Date.now(),
      })
      .where(eq(conversations.id, ours.id))
      .run();
    db.delete(conversations).where(eq(conversations.id, theirs.id)).run();
    gone = [theirs.id];
  }
  db.delete(contacts).where(eq(contacts.id, from.id)).run();
  return gone;
}
