import { contacts, conversations, messages } from '@switchboard/db';
import type { InboundMessage } from '@switchboard/engines/contract';
import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../events.ts';
import { connectedSession, harness, sendText } from '../messages/test-support.ts';

/**
 * People WhatsApp names by a privacy id (LID) instead of their number: kept under the LID, never dropped,
 * and merged with the contact of their number once WhatsApp tells both.
 */

const NUMBER = '4917000000003';
const LID = '86219306106899@lid';

let seq = 0;
const inbound = (message: Partial<InboundMessage> & Pick<InboundMessage, 'from'>) => ({
  type: 'message' as const,
  message: { externalId: `in-${++seq}`, text: `text ${seq}`, timestamp: Date.now(), ...message },
});

async function inbox() {
  const h = await harness();
  const engine = await connectedSession(h);
  const events: ConversationEvent[] = [];
  h.bus.on('conversation', (e) => events.push(e));
  const contactRows = () => h.db.select().from(contacts).all();
  const conversationRows = () => h.db.select().from(conversations).all();
  const messageRows = () => h.db.select().from(messages).orderBy(asc(messages.createdAt)).all();
  /** What WhatsApp reports is stored in order, after any file it carries: wait until it is. */
  const receive = async (event: ReturnType<typeof inbound>) => {
    engine.emit(event);
    await h.service.drain();
  };
  return { h, engine, receive, events, contactRows, conversationRows, messageRows };
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('senders known only by LID', () => {
  it('are stored under the LID, then the contact learns the number and its messages follow', async () => {
    const { receive, contactRows, conversationRows, messageRows } = await inbox();
    await receive(inbound({ from: LID, fromLid: LID, fromName: 'Ana' }));
    expect(contactRows()).toEqual([expect.objectContaining({ phone: LID, lid: LID, name: 'Ana' })]);
    expect(messageRows()).toEqual([expect.objectContaining({ peer: LID, direction: 'in' })]);

    await receive(inbound({ from: NUMBER, fromLid: LID, fromName: 'Ana' }));
    const [contact] = contactRows();
    expect(contactRows()).toHaveLength(1);
    expect(contact).toMatchObject({ phone: NUMBER, lid: LID, name: 'Ana' });
    expect(messageRows().map((m) => m.peer)).toEqual([NUMBER, NUMBER]);
    expect(conversationRows()).toEqual([expect.objectContaining({ contactId: contact!.id, unreadCount: 2 })]);
  });

  it('keep both ids on the contact when WhatsApp gives both at once', async () => {
    const { receive, contactRows } = await inbox();
    await receive(inbound({ from: NUMBER, fromLid: LID }));
    await receive(inbound({ from: NUMBER }));
    expect(contactRows()).toEqual([expect.objectContaining({ phone: NUMBER, lid: LID })]);
  });
});

describe('a LID contact and a number contact of the same person', () => {
  it('become one once WhatsApp tells both: one conversation with every message, the other one gone', async () => {
    const { h, receive, events, contactRows, conversationRows, messageRows } = await inbox();
    await sendText(h, 'Your order shipped', `+${NUMBER}`);
    await h.service.drain();
    await receive(inbound({ from: LID, fromLid: LID, fromName: 'Ana' }));
    expect(contactRows()).toHaveLength(2);
    const [byNumber, byLid] = [NUMBER, LID].map((p) =>
      conversationRows().find((c) => contactRows().some((k) => k.id === c.contactId && k.phone === p)),
    );

    await receive(inbound({ from: NUMBER, fromLid: LID, fromName: 'Ana' }));
    expect(contactRows()).toEqual([expect.objectContaining({ phone: NUMBER, lid: LID, name: 'Ana' })]);
    expect(conversationRows()).toEqual([
      expect.objectContaining({ id: byNumber!.id, unreadCount: 2, status: 'open' }),
    ]);
    expect(messageRows().map((m) => [m.direction, m.peer, m.conversationId])).toEqual([
      ['out', NUMBER, byNumber!.id],
      ['in', NUMBER, byNumber!.id],
      ['in', NUMBER, byNumber!.id],
    ]);
    // Subscribers hear which conversation went, once the merge has committed.
    await nextTick();
    expect(events.at(-1)).toMatchObject({ conversation: { id: byNumber!.id }, absorbed: byLid!.id });
  });

  it('keep a name an operator gave the LID contact', async () => {
    const { h, receive, contactRows } = await inbox();
    await receive(inbound({ from: LID, fromLid: LID, fromName: 'Ana' }));
    const [lidContact] = contactRows();
    h.inbox.updateContact(h.operator, { id: lidContact!.id, name: 'Ana (wholesale)' });
    await receive(inbound({ from: NUMBER, fromName: 'Ana' }));
    await receive(inbound({ from: NUMBER, fromLid: LID, fromName: 'Ana' }));
    expect(contactRows()).toEqual([
      expect.objectContaining({ phone: NUMBER, lid: LID, name: 'Ana (wholesale)', nameEdited: true }),
    ]);
  });
});

describe('sending to a LID', () => {
  it('goes to the engine as the LID and joins the contact’s conversation', async () => {
    const { h, engine, receive, contactRows, conversationRows } = await inbox();
    await receive(inbound({ from: NUMBER, fromLid: LID }));
    const row = await sendText(h, 'Thanks!', LID.toUpperCase());
    await h.service.drain();
    expect(engine.sent.map((s) => s.to)).toEqual([LID]);
    expect(row.peer).toBe(LID);
    expect(contactRows()).toHaveLength(1);
    expect(conversationRows()).toHaveLength(1);
    await expect(sendText(h, 'hi', 'abc@lid')).rejects.toThrow('Recipient "abc@lid" is not a phone number');
  });
});
