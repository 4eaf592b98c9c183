import { describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  rest,
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

/** An operator with their own connected sandbox account. */
async function operatorWithAccount(email: string, phone: string) {
  const user = await client.users.create.mutate({
    email,
    name: `Op ${email}`,
    password: 'operator-pass-1',
    role: 'operator',
  });
  const opCookie = await signIn(g, email, 'operator-pass-1');
  const op = connect(g, opCookie);
  const account = await createLinked(g, opCookie, op, `Line of ${email}`, phone);
  return { user, op, account };
}

/** The conversations of a list call, by contact phone. */
const phones = (page: { items: Array<{ contact: { phone: string } }> }) =>
  page.items.map((c) => c.contact.phone).sort();

describe('an inbox a team can work', () => {
  it('filters by open / resolved / all and finds conversations by the words of any message', async () => {
    const line = await createLinked(g, cookie, client, 'Support', '4915100000021');
    await inbound(line.phone!, '+14155550101', 'Where is my order 1234? It has not arrived');
    await inbound(line.phone!, '+14155550101', 'Thanks, all good now');
    await inbound(line.phone!, '+14155550102', 'Can I change the delivery address?');
    await inbound(line.phone!, '+14155550103', 'Preço da entrega para São Paulo?');
    await waitFor(
      async () => (await client.conversations.list.query()).items.length === 3,
      'three conversations',
    );

    const first = (await client.conversations.list.query({ search: '14155550101' })).items[0]!;
    await client.conversations.resolve.mutate({ id: first.id });
    expect(phones(await client.conversations.list.query({ status: 'open' }))).toEqual([
      '14155550102',
      '14155550103',
    ]);
    expect(phones(await client.conversations.list.query({ status: 'resolved' }))).toEqual(['14155550101']);
    expect((await client.conversations.list.query({ status: 'all' })).items).toHaveLength(3);
    expect((await client.conversations.list.query()).items).toHaveLength(3);

    // An older message's words find its conversation, and `match` shows that message around the words.
    const byText = await client.conversations.list.query({ search: 'ORDER arriv' });
    expect(phones(byText)).toEqual(['14155550101']);
    expect(byText.items[0]!.match?.text).toContain('order 1234');
    expect(byText.items[0]!.lastMessagePreview).toBe('Thanks, all good now');
    // Words are matched from their start, accents aside; the filters still apply.
    expect(phones(await client.conversations.list.query({ search: 'deliv' }))).toEqual(['14155550102']);
    expect(phones(await client.conversations.list.query({ search: 'preco sao' }))).toEqual(['14155550103']);
    expect((await client.conversations.list.query({ search: 'order', status: 'open' })).items).toEqual([]);
    // A name or number match carries no message.
    expect((await client.conversations.list.query({ search: '5550102' })).items[0]!.match).toBeNull();
    // What would be FTS5 syntax is taken as text, never as an error.
    for (const search of ['"', 'order*', 'NEAR(order', 'a AND', '-', '()'])
      await expect(client.conversations.list.query({ search })).resolves.toBeDefined();
    // Replies are found too.
    await client.messages.send.mutate({
      sessionId: line.id,
      to: '+14155550102',
      text: 'Sure, which street?',
    });
    expect(phones(await client.conversations.list.query({ search: 'street' }))).toEqual(['14155550102']);
  });

  it('finds no text in accounts the asker may not see', async () => {
    const mine = await createLinked(g, cookie, client, 'Admin line', '4915100000022');
    await inbound(mine.phone!, '+14155550104', 'the vault code is tangerine');
    await waitFor(
      async () => (await client.conversations.list.query({ search: 'tangerine' })).items[0],
      'indexed',
    );
    const { op } = await operatorWithAccount('op-search@example.com', '4915100000023');
    expect((await op.conversations.list.query({ search: 'tangerine' })).items).toEqual([]);
    await op.close();
  });

  it('assigns conversations only to users who may see the account, and filters by assignee', async () => {
    const { user: owner, op, account } = await operatorWithAccount('owner@example.com', '4915100000024');
    const stranger = await client.users.create.mutate({
      email: 'stranger@example.com',
      name: 'Stranger',
      password: 'operator-pass-2',
      role: 'operator',
    });
    await inbound(account.phone!, '+14155550105', 'hello team');
    await inbound(account.phone!, '+14155550106', 'hello again');
    const [a, b] = await waitFor(async () => {
      const l = await op.conversations.list.query();
      return l.items.length === 2 ? l.items : undefined;
    }, 'two conversations');

    const assignees = await op.conversations.assignees.query({ id: a!.id });
    expect(assignees.map((u) => u.name).sort()).toEqual(['Ada Admin', 'Op owner@example.com']);

    const updates: Array<string | null> = [];
    let started!: () => void;
    const subscribed = new Promise<void>((resolve) => (started = resolve));
    const sub = op.conversations.onUpdate.subscribe(undefined, {
      onStarted: () => started(),
      onData: ({ data }) => {
        if (data.type === 'conversation') updates.push(data.conversation.assignee?.id ?? null);
      },
    });
    await subscribed;
    const assigned = await op.conversations.assign.mutate({ id: a!.id, userId: owner.id });
    expect(assigned.assignee).toEqual({ id: owner.id, name: owner.name });
    await waitFor(() => updates.includes(owner.id), 'the assignment over the WebSocket');
    sub.unsubscribe();

    // Someone who may not see the account is refused — whether they exist or not — and nothing changes.
    for (const userId of [stranger.id, 'no-such-user']) {
      await expect(op.conversations.assign.mutate({ id: b!.id, userId })).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST', reason: 'conversation.assignee_cannot_see' },
      });
    }
    expect((await op.conversations.byId.query({ id: b!.id })).assignee).toBeNull();

    const me = await op.conversations.list.query({ assigneeId: 'me' });
    expect(me.items.map((c) => c.id)).toEqual([a!.id]);
    expect((await op.conversations.list.query({ assigneeId: 'none' })).items.map((c) => c.id)).toEqual([
      b!.id,
    ]);
    expect((await client.conversations.list.query({ assigneeId: owner.id })).items.map((c) => c.id)).toEqual([
      a!.id,
    ]);
    // The admin takes one over, then gives it back to nobody.
    const admin = (await client.auth.me.query())!.user;
    await client.conversations.assign.mutate({ id: b!.id, userId: admin!.id });
    expect((await client.conversations.list.query({ assigneeId: 'me' })).items.map((c) => c.id)).toEqual([
      b!.id,
    ]);
    expect((await op.conversations.assign.mutate({ id: b!.id, userId: null })).assignee).toBeNull();
    await op.close();
  });

  it('answers NOT_FOUND for a conversation in an account the asker may not see', async () => {
    const mine = await createLinked(g, cookie, client, 'Private line', '4915100000025');
    await inbound(mine.phone!, '+14155550107', 'private');
    const conversation = await waitFor(async () => (await client.conversations.list.query()).items[0], 'one');
    const { op, user } = await operatorWithAccount('outsider@example.com', '4915100000026');
    const notFound = { data: { code: 'NOT_FOUND' } };
    await expect(op.conversations.byId.query({ id: conversation.id })).rejects.toMatchObject(notFound);
    await expect(op.conversations.byId.query({ id: 'no-such-conversation' })).rejects.toMatchObject(notFound);
    await expect(op.conversations.assignees.query({ id: conversation.id })).rejects.toMatchObject(notFound);
    await expect(
      op.conversations.assign.mutate({ id: conversation.id, userId: user.id }),
    ).rejects.toMatchObject(notFound);
    await expect(op.conversations.unreadCount.query({ sessionId: mine.id })).rejects.toMatchObject(notFound);
    // The admin may not hand it to the operator either: they cannot see it.
    await expect(
      client.conversations.assign.mutate({ id: conversation.id, userId: user.id }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
    expect(await op.conversations.unreadCount.query()).toEqual({ conversations: 0, messages: 0 });
    await op.close();
  });

  it('counts unread conversations and messages for the badge', async () => {
    const line = await createLinked(g, cookie, client, 'Busy line', '4915100000027');
    expect(await client.conversations.unreadCount.query()).toEqual({ conversations: 0, messages: 0 });
    await inbound(line.phone!, '+14155550108', 'one');
    await inbound(line.phone!, '+14155550108', 'two');
    await inbound(line.phone!, '+14155550109', 'three');
    const counted = await waitFor(async () => {
      const count = await client.conversations.unreadCount.query();
      return count.messages === 3 ? count : undefined;
    }, 'three unread messages');
    expect(counted).toEqual({ conversations: 2, messages: 3 });
    const read = (await client.conversations.list.query({ search: '5550108' })).items[0]!;
    await client.conversations.markRead.mutate({ id: read.id });
    expect(await client.conversations.unreadCount.query({ sessionId: line.id })).toEqual({
      conversations: 1,
      messages: 1,
    });
  });

  it('serves the new procedures over REST with an API key, and a deleted assignee leaves nobody assigned', async () => {
    const { user, op, account } = await operatorWithAccount('rest-op@example.com', '4915100000028');
    await inbound(account.phone!, '+14155550110', 'rest hello');
    const conversation = await waitFor(async () => (await op.conversations.list.query()).items[0], 'one');
    const { secret: key } = await client.apiKeys.create.mutate({
      name: 'inbox',
      scopes: ['inbox:read', 'inbox:write'],
    });

    expect(await rest(g, key, 'GET', '/v1/conversations/unread')).toMatchObject({
      status: 200,
      body: { conversations: 1, messages: 1 },
    });
    expect(await rest(g, key, 'GET', `/v1/conversations/${conversation.id}`)).toMatchObject({
      status: 200,
      body: { id: conversation.id, assignee: null },
    });
    const names = await rest(g, key, 'GET', `/v1/conversations/${conversation.id}/assignees`);
    expect((names.body as Array<{ id: string }>).map((u) => u.id)).toContain(user.id);
    expect(
      await rest(g, key, 'POST', `/v1/conversations/${conversation.id}/assign`, { userId: user.id }),
    ).toMatchObject({ status: 200, body: { assignee: { id: user.id } } });
    const found = await rest(
      g,
      key,
      'GET',
      `/v1/conversations?search=hello&status=open&assigneeId=${user.id}`,
    );
    expect(found.body).toMatchObject({ items: [{ id: conversation.id, match: { text: 'rest hello' } }] });
    expect(
      await rest(g, key, 'POST', `/v1/conversations/${conversation.id}/assign`, { userId: 'x' }),
    ).toMatchObject({ status: 400, body: { reason: 'conversation.assignee_cannot_see' } });

    await op.close();
    await client.sessions.delete.mutate({ id: account.id });
    const kept = await createLinked(g, cookie, client, 'Kept line', '4915100000029');
    await inbound(kept.phone!, '+14155550111', 'stays');
    const other = await waitFor(async () => (await client.conversations.list.query()).items[0], 'one');
    const helper = await client.users.create.mutate({
      email: 'helper@example.com',
      name: 'Helper',
      password: 'operator-pass-3',
      role: 'admin',
    });
    await client.conversations.assign.mutate({ id: other.id, userId: helper.id });
    await client.users.delete.mutate({ id: helper.id });
    expect((await client.conversations.byId.query({ id: other.id })).assignee).toBeNull();
  });
});
