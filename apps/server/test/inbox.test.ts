import { describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  sandbox,
  signIn,
  type TestGateway,
  useAdminGateway,
  waitFor,
} from './support/harness.ts';

let g: TestGateway;
let cookie: string;
let client: Client;

useAdminGateway((ctx) => {
  ({ g, cookie, client } = ctx);
});

const inbound = (to: string, from: string, text: string) =>
  sandbox(g, cookie, 'POST', '/inbound', { from, to: `+${to}`, text });

describe('inbox', () => {
  it('keeps one contact and one conversation per (account, phone), with unread counts and reopening', async () => {
    const a = await createLinked(g, cookie, client, 'Inbox A', '4915100000011');
    const b = await createLinked(g, cookie, client, 'Inbox B', '4915100000012');
    const updates: string[] = [];
    const sub = client.conversations.onUpdate.subscribe(undefined, {
      onData: ({ data }) => {
        if (data.type === 'conversation') updates.push(data.conversation.id);
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    for (const text of ['one', 'two', 'three']) await inbound(a.phone!, '+14155550180', text);
    await inbound(b.phone!, '+14155550180', 'to b');
    const list = await waitFor(async () => {
      const l = await client.conversations.list.query();
      return l.items.length === 2 && l.items.some((c) => c.unreadCount === 3) ? l : undefined;
    }, 'two conversations');
    const convA = list.items.find((c) => c.accountId === a.id)!;
    expect(convA).toMatchObject({ unreadCount: 3, status: 'open', lastMessagePreview: 'three' });
    expect(convA.contact.phone).toBe('14155550180');
    // Each contact names its conversation, for the contacts screen's link into the inbox.
    expect((await client.contacts.list.query({ sessionId: a.id })).items).toEqual([
      expect.objectContaining({ phone: '14155550180', conversationId: convA.id }),
    ]);

    // Outgoing messages join the same conversation; paging is newest first.
    await client.messages.send.mutate({ sessionId: a.id, to: '+14155550180', text: 'reply' });
    const page = await client.conversations.messages.query({ conversationId: convA.id, limit: 2 });
    expect(page.items.map((m) => m.body)).toEqual(['reply', 'three']);
    const rest = await client.conversations.messages.query({
      conversationId: convA.id,
      limit: 5,
      cursor: page.nextCursor,
    });
    expect(rest.items.map((m) => m.body)).toEqual(['two', 'one']);

    expect((await client.conversations.markRead.mutate({ id: convA.id })).unreadCount).toBe(0);
    expect((await client.conversations.resolve.mutate({ id: convA.id })).status).toBe('resolved');
    await inbound(a.phone!, '+14155550180', 'again');
    const reopened = await waitFor(async () => {
      const l = await client.conversations.list.query({ sessionId: a.id });
      return l.items[0]?.status === 'open' ? l.items[0] : undefined;
    }, 'the conversation to reopen');
    expect(reopened).toMatchObject({ id: convA.id, unreadCount: 1 });
    expect((await client.conversations.list.query({ search: '5550180' })).items).toHaveLength(2);

    const renamed = await client.contacts.update.mutate({ id: convA.contact.id, name: 'Grace' });
    expect(renamed.name).toBe('Grace');
    expect((await client.conversations.list.query({ search: 'grace' })).items.map((c) => c.id)).toEqual([
      convA.id,
    ]);
    await waitFor(() => updates.includes(convA.id), 'conversation updates over the WebSocket');
    sub.unsubscribe();
  });

  it('shows an operator only the conversations of their own accounts', async () => {
    const mine = await createLinked(g, cookie, client, 'Admin line', '4915100000013');
    await client.users.create.mutate({
      email: 'op2@example.com',
      name: 'Op',
      password: 'operator-pass-2',
      role: 'operator',
    });
    const opCookie = await signIn(g, 'op2@example.com', 'operator-pass-2');
    const op = connect(g, opCookie);
    await inbound(mine.phone!, '+14155550190', 'secret');
    const adminView = await waitFor(async () => {
      const l = await client.conversations.list.query();
      return l.items[0];
    }, 'a conversation');
    expect((await op.conversations.list.query()).items).toEqual([]);
    expect((await op.contacts.list.query()).items).toEqual([]);
    await expect(op.conversations.markRead.mutate({ id: adminView.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    await expect(op.contacts.update.mutate({ id: adminView.contact.id, name: 'x' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    await op.close();
  });
});
