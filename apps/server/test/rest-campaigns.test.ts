import { PNG } from '@switchboard/core/test-files';
import type { Scope } from '@switchboard/validators';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  rest,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
} from './support/harness.ts';
import { sha256, upload } from './support/media.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Pacing without waits: these tests are about the API, not the pace. */
const BRISK = { minGapSeconds: 0, maxGapSeconds: 0, batchSize: 0, window: null, warmup: false };

async function gateway() {
  const g = await startTestGateway();
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const admin = connect(g, cookie);
  cleanups.push(() => admin.close());
  return { g, cookie, admin };
}

const keyOf = async (client: Client, ...scopes: Scope[]) =>
  (await client.apiKeys.create.mutate({ name: scopes.join(' '), scopes })).secret;

/** A signed-in operator of the gateway, with a client of their own. */
async function operator(g: TestGateway, admin: Client, email: string) {
  await admin.users.create.mutate({ email, name: email, password: 'operator-password', role: 'operator' });
  const cookie = await signIn(g, email, 'operator-password');
  const client = connect(g, cookie);
  cleanups.push(() => client.close());
  return { cookie, client };
}

type Body = Record<string, unknown>;

describe('campaigns over REST with an API key', () => {
  it('creates a campaign with a photo, adds pasted numbers, starts it and reads its progress to the end', async () => {
    const { g, cookie, admin } = await gateway();
    const shop = await createLinked(g, cookie, admin, 'Shop', '4915112300081');
    const key = await keyOf(admin, 'campaigns:read', 'campaigns:manage', 'messages:send');

    const created = await rest(g, key, 'POST', '/v1/campaigns', {
      name: 'Menu',
      sessionId: shop.id,
      variants: ['Our new menu, {{phone}}!'],
      pacing: BRISK,
    });
    expect(created).toMatchObject({ status: 200, body: { status: 'draft', media: null } });
    const id = (created.body as Body).id as string;
    const added = await rest(g, key, 'POST', `/v1/campaigns/${id}/audience`, {
      source: { type: 'numbers', text: '+1 415 555 0501\n+14155550502, +14155550501' },
    });
    expect(added).toMatchObject({ status: 200, body: { added: 2, duplicates: 1 } });

    const stored = await upload(
      g,
      { authorization: `Bearer ${key}` },
      { sessionId: shop.id },
      {
        name: 'menu.png',
        bytes: PNG,
      },
    );
    const attached = await rest(g, key, 'PUT', `/v1/campaigns/${id}/media`, {
      media: { type: 'image', id: stored.body.id },
    });
    expect(attached).toMatchObject({
      status: 200,
      body: { media: { id: stored.body.id, type: 'image', mimetype: 'image/png', filename: 'menu.png' } },
    });
    expect(await rest(g, key, 'GET', `/v1/campaigns/${id}/preview`)).toMatchObject({
      status: 200,
      body: { limit: 1024, variants: [{ text: 'Our new menu, +14155550501!' }] },
    });

    expect(await rest(g, key, 'POST', `/v1/campaigns/${id}/start`)).toMatchObject({
      status: 200,
      body: { status: 'running' },
    });
    const done = await waitFor(async () => {
      const { body } = await rest(g, key, 'GET', `/v1/campaigns/${id}`);
      return (body as Body).status === 'completed' ? (body as Body) : undefined;
    }, 'the campaign to complete');
    expect(done.counts).toMatchObject({ total: 2, pending: 0, failed: 0 });
    const recipients = await rest(g, key, 'GET', `/v1/campaigns/${id}/recipients?state=pending`);
    expect(recipients).toMatchObject({ status: 200, body: { items: [], total: 0 } });
    const exported = await rest(g, key, 'GET', `/v1/campaigns/${id}/export`);
    expect((exported.body as { csv: string }).csv).toContain('14155550502');
    expect((await rest(g, key, 'GET', '/v1/campaigns?status=completed')).body).toMatchObject({
      items: [{ id }],
    });

    for (const phone of ['14155550501', '14155550502']) {
      const { body } = await sandbox(g, cookie, 'GET', `/phones/${phone}/messages`);
      expect(body).toEqual([
        expect.objectContaining({
          type: 'image',
          text: `Our new menu, +${phone}!`,
          media: expect.objectContaining({ sha256: sha256(PNG) }),
        }),
      ]);
    }
  });

  it('manages pools, opt-outs and contact tags', async () => {
    const { g, cookie, admin } = await gateway();
    const a = await createLinked(g, cookie, admin, 'Alpha', '4915112300082');
    const key = await keyOf(
      admin,
      'sessions:read',
      'sessions:manage',
      'campaigns:read',
      'campaigns:manage',
      'inbox:read',
      'inbox:write',
    );

    const pool = await rest(g, key, 'POST', '/v1/pools', { name: 'Desks', sessionIds: [a.id] });
    expect(pool).toMatchObject({ status: 200, body: { name: 'Desks', sessionIds: [a.id] } });
    const poolId = (pool.body as Body).id as string;
    expect(await rest(g, key, 'PATCH', `/v1/pools/${poolId}`, { name: 'Front desks' })).toMatchObject({
      body: { name: 'Front desks' },
    });
    expect((await rest(g, key, 'GET', '/v1/pools')).body).toMatchObject([{ id: poolId }]);
    expect(await rest(g, key, 'DELETE', `/v1/pools/${poolId}`)).toMatchObject({ status: 200 });
    expect(await rest(g, key, 'GET', `/v1/pools/${poolId}`)).toMatchObject({ status: 404 });

    expect(
      await rest(g, key, 'POST', '/v1/opt-outs', { sessionId: a.id, phones: ['+14155550601'] }),
    ).toMatchObject({ status: 200, body: { added: 1 } });
    expect(
      await rest(g, key, 'POST', '/v1/opt-outs/import', { sessionId: a.id, csv: 'phone\n+14155550602' }),
    ).toMatchObject({ status: 200, body: { added: 1 } });
    expect((await rest(g, key, 'GET', `/v1/opt-outs?sessionId=${a.id}`)).body).toMatchObject({ total: 2 });
    expect(
      await rest(g, key, 'DELETE', `/v1/opt-outs/${encodeURIComponent('+14155550601')}?sessionId=${a.id}`),
    ).toMatchObject({ status: 200 });
    expect((await rest(g, key, 'GET', `/v1/opt-outs?sessionId=${a.id}`)).body).toMatchObject({
      total: 1,
      items: [{ phone: '14155550602', source: 'import' }],
    });
    expect(
      await rest(g, key, 'PUT', '/v1/opt-outs/settings', {
        sessionId: a.id,
        stopWords: ['STOP', 'ALTO'],
        confirmation: 'You will hear no more from us.',
      }),
    ).toMatchObject({ status: 200, body: { stopWords: ['STOP', 'ALTO'], defaultStopWords: false } });
    expect((await rest(g, key, 'GET', `/v1/opt-outs/settings?sessionId=${a.id}`)).body).toMatchObject({
      confirmation: 'You will hear no more from us.',
    });

    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550603', to: `+${a.phone}`, text: 'hi' });
    const contact = await waitFor(
      async () => ((await rest(g, key, 'GET', '/v1/contacts')).body as { items: Body[] }).items[0],
      'the contact',
    );
    expect(
      await rest(g, key, 'PUT', `/v1/contacts/${contact.id}/tags`, { tags: ['VIP', 'Spring'] }),
    ).toMatchObject({ status: 200, body: { tags: ['spring', 'vip'] } });
    expect((await rest(g, key, 'GET', `/v1/contacts/tags?sessionId=${a.id}`)).body).toEqual([
      { tag: 'spring', contacts: 1 },
      { tag: 'vip', contacts: 1 },
    ]);
  });

  it('refuses a read-only key with 403 naming campaigns:manage, and another user’s campaign and file with 404', async () => {
    const { g, cookie, admin } = await gateway();
    const shop = await createLinked(g, cookie, admin, 'Shop', '4915112300083');
    const reader = await keyOf(admin, 'campaigns:read');
    const draft = await admin.campaigns.create.mutate({ name: 'Ours', sessionId: shop.id });

    expect(await rest(g, reader, 'GET', `/v1/campaigns/${draft.id}`)).toMatchObject({ status: 200 });
    for (const [method, path, body] of [
      ['POST', '/v1/campaigns', { name: 'x', sessionId: shop.id }],
      ['POST', `/v1/campaigns/${draft.id}/start`, undefined],
      ['PUT', `/v1/campaigns/${draft.id}/media`, { media: null }],
      ['POST', '/v1/opt-outs', { sessionId: shop.id, phones: ['+14155550701'] }],
    ] as const) {
      const refused = await rest(g, reader, method, path, body);
      expect(refused, `${method} ${path}`).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN', message: expect.stringContaining('campaigns:manage') },
      });
    }

    // An operator's key: the admin's campaign answers exactly like a missing one.
    const olga = await operator(g, admin, 'olga@example.com');
    const own = await createLinked(g, olga.cookie, olga.client, 'Olga', '4915112300084');
    const olgaKey = await keyOf(olga.client, 'campaigns:read', 'campaigns:manage', 'messages:send');
    for (const id of [draft.id, 'no-such-campaign']) {
      const { status, body } = await rest(g, olgaKey, 'GET', `/v1/campaigns/${id}`);
      expect({ status, body }).toEqual({
        status: 404,
        body: { code: 'NOT_FOUND', message: `Campaign ${id} not found` },
      });
      expect(await rest(g, olgaKey, 'POST', `/v1/campaigns/${id}/pause`)).toMatchObject({ status: 404 });
    }

    // Nor may her campaign take a file of the admin's account: NOT_FOUND, and nothing changes.
    const theirs = await upload(
      g,
      cookie,
      { sessionId: shop.id, type: 'image' },
      { name: 'a.png', bytes: PNG },
    );
    const mine = await rest(g, olgaKey, 'POST', '/v1/campaigns', { name: 'Mine', sessionId: own.id });
    const mineId = (mine.body as Body).id as string;
    expect(
      await rest(g, olgaKey, 'PUT', `/v1/campaigns/${mineId}/media`, {
        media: { type: 'image', id: theirs.body.id },
      }),
    ).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await rest(g, olgaKey, 'GET', `/v1/campaigns/${mineId}`)).body).toMatchObject({ media: null });
  });
});
