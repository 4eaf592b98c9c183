import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
} from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Pacing without waits: these tests are about the API, not the pace. */
const BRISK = {
  minGapSeconds: 0,
  maxGapSeconds: 0,
  batchSize: 0,
  window: null,
  warmup: false,
  dailyCap: 10_000,
  newContactsPerDay: 10_000,
};

async function setup(env: Record<string, string> = {}) {
  const g = await startTestGateway({ WEBHOOK_RETRY_SCHEDULE_MS: '50,50,50', ...env });
  const cookie = await setupAdmin(g);
  const client = connect(g, cookie);
  cleanups.push(async () => {
    await client.close();
    await g.dispose();
  });
  return { g, cookie, client };
}

async function operator(
  g: TestGateway,
  admin: Client,
  email: string,
): Promise<{ cookie: string; client: Client }> {
  await admin.users.create.mutate({ email, name: email, password: 'operator-password', role: 'operator' });
  const cookie = await signIn(g, email, 'operator-password');
  const client = connect(g, cookie);
  cleanups.push(() => client.close());
  return { cookie, client };
}

const received = async (g: TestGateway, cookie: string, phone: string) =>
  (await sandbox(g, cookie, 'GET', `/phones/${phone}/messages`)).body as Array<{
    text: string;
    from: string;
  }>;

describe('campaigns over the API', () => {
  it('run from a CSV to completion with live progress, webhooks, a report, and replies counted', async () => {
    const { g, cookie, client } = await setup();
    const r = await startReceiver();
    cleanups.push(r.close);
    const sales = await createLinked(g, cookie, client, 'Sales', '4915100000001');
    const hook = await client.webhooks.create.mutate({ sessionId: sales.id, url: r.url });

    const draft = await client.campaigns.create.mutate({
      name: 'Launch',
      sessionId: sales.id,
      variants: ['Hi {{name|there}}, we opened in {{city}}!', 'Hello {{name|there}}: {{city}} is open.'],
      pacing: BRISK,
    });
    expect(draft.warnings.length).toBeGreaterThan(0);
    const report = await client.campaigns.addAudience.mutate({
      id: draft.id,
      source: {
        type: 'csv',
        csv: 'Phone;Name;City\n+14155550101;Ann;Oslo\n+14155550102;;Rome\n+1 415 555 0101;Dup;X\n12;Bad;Row',
        phoneColumn: 'Phone',
      },
    });
    expect(report).toMatchObject({ added: 2, duplicates: 1, invalid: 1, total: 2 });

    const updates: Array<{ status: string; done: number }> = [];
    const subscription = client.campaigns.onProgress.subscribe(
      { id: draft.id },
      {
        onData: ({ data }) => {
          if (data.type === 'campaign')
            updates.push({ status: data.campaign.status, done: data.campaign.counts.read });
        },
      },
    );
    cleanups.push(async () => subscription.unsubscribe());
    await waitFor(() => updates.length > 0, 'the first progress event');
    await client.campaigns.start.mutate({ id: draft.id });
    await waitFor(() => updates.some((u) => u.status === 'completed'), 'the campaign to complete');
    await waitFor(() => updates.some((u) => u.done === 2), 'both read receipts');

    const ann = await received(g, cookie, '14155550101');
    expect(ann.map((m) => m.text)).toEqual([
      expect.stringMatching(/^(Hi Ann, we opened in Oslo!|Hello Ann: Oslo is open\.)$/),
    ]);
    expect((await received(g, cookie, '14155550102'))[0]?.text).toMatch(/there.*Rome/);

    await sandbox(g, cookie, 'POST', '/inbound', {
      from: '+14155550102',
      to: `+${sales.phone}`,
      text: 'Nice!',
    });
    await waitFor(
      async () => (await client.campaigns.byId.query({ id: draft.id })).counts.replied === 1,
      'a reply',
    );

    const exported = await client.campaigns.export.query({ id: draft.id });
    expect(exported.filename).toBe('launch-results.csv');
    const lines = exported.csv.trim().split('\r\n');
    expect(lines[0]).toBe('phone,name,state,sent_from,wording,sent_at,replied_at,error,city');
    expect(lines[1]).toMatch(/^\+14155550101,Ann,read,\+4915100000001,[12],\d{4}-.*Z,,,Oslo$/);
    expect(lines[2]).toMatch(/^\+14155550102,,read,.*Z,,Rome$/);

    await waitFor(
      () => r.received.some((x) => x.payload.type === 'campaign.completed'),
      'the campaign.completed webhook',
    );
    const statuses = r.received
      .filter((x) => x.payload.type === 'campaign.status')
      .map((x) => x.payload.data.status);
    expect(statuses).toEqual(['running', 'completed']);
    const completed = r.received.find((x) => x.payload.type === 'campaign.completed')!;
    expect(new Webhook(hook.secret).verify(completed.body, completed.headers)).toBeTruthy();
    expect(completed.payload).toMatchObject({
      accountId: sales.id,
      data: { campaignId: draft.id, name: 'Launch', counts: { total: 2, sent: expect.any(Number) } },
    });
  });

  it('answer NOT_FOUND for another operator’s campaign, pool and opt-out list, exactly like a missing one', async () => {
    const { g, client } = await setup();
    const olga = await operator(g, client, 'olga@example.com');
    const otto = await operator(g, client, 'otto@example.com');
    const own = await createLinked(g, olga.cookie, olga.client, 'Olga', '4915100000002');
    const campaign = await olga.client.campaigns.create.mutate({ name: 'Mine', sessionId: own.id });
    const pool = await olga.client.pools.create.mutate({ name: 'Pool', sessionIds: [own.id] });

    const attempts = [
      () => otto.client.campaigns.byId.query({ id: campaign.id }),
      () => otto.client.campaigns.start.mutate({ id: campaign.id }),
      () => otto.client.campaigns.export.query({ id: campaign.id }),
      () => otto.client.campaigns.create.mutate({ name: 'x', sessionId: own.id }),
      () => otto.client.pools.byId.query({ id: pool.id }),
      () => otto.client.messages.send.mutate({ poolId: pool.id, to: '+14155550101', text: 'x' }),
      () => otto.client.optOuts.list.query({ sessionId: own.id }),
    ];
    for (const attempt of attempts)
      await expect(attempt()).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(otto.client.campaigns.byId.query({ id: 'no-such-campaign' })).rejects.toMatchObject({
      message: 'Campaign no-such-campaign not found',
    });
    expect((await otto.client.campaigns.list.query()).items).toEqual([]);
    expect((await otto.client.campaigns.list.query({ status: ['draft', 'running'] })).items).toEqual([]);
    expect((await olga.client.campaigns.list.query({ status: ['draft', 'running'] })).items).toMatchObject([
      { id: campaign.id },
    ]);
    expect((await client.campaigns.list.query()).items.map((c) => c.id)).toEqual([campaign.id]);
  });

  it('refuse bad input with a clear error and change nothing', async () => {
    const { g, cookie, client } = await setup();
    const sales = await createLinked(g, cookie, client, 'Sales', '4915100000003');
    const draft = await client.campaigns.create.mutate({ name: 'Strict', sessionId: sales.id });
    await expect(
      client.campaigns.update.mutate({ id: draft.id, pacing: { minGapSeconds: 90, maxGapSeconds: 30 } }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/longest gap must be at least the shortest/) });
    await expect(
      client.campaigns.addAudience.mutate({
        id: draft.id,
        source: { type: 'csv', csv: 'a,b\n1,2', phoneColumn: 'phone' },
      }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
      message: expect.stringMatching(/no column "phone"/),
    });
    await expect(
      client.campaigns.update.mutate({ id: draft.id, variants: ['1', '2', '3', '4', '5', '6'] }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(client.campaigns.start.mutate({ id: draft.id })).rejects.toMatchObject({
      message: expect.stringMatching(/Write the message/),
    });
    const unchanged = await client.campaigns.byId.query({ id: draft.id });
    expect(unchanged).toMatchObject({ status: 'draft', pacing: { minGapSeconds: 30 }, counts: { total: 0 } });
    await expect(client.contacts.setTags.mutate({ id: 'nobody', tags: ['vip'] })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });

  it('send through a pool, tag contacts and keep opt-outs, as integrators would', async () => {
    const { g, cookie, client } = await setup();
    const a = await createLinked(g, cookie, client, 'Alpha', '4915100000004');
    const b = await createLinked(g, cookie, client, 'Bravo', '4915100000005');
    const pool = await client.pools.create.mutate({ name: 'Team', sessionIds: [a.id, b.id] });
    const first = await client.messages.send.mutate({ poolId: pool.id, to: '+14155550103', text: 'one' });
    await waitFor(async () => (await received(g, cookie, '14155550103')).length === 1, 'the first pool send');
    const again = await client.messages.send.mutate({ poolId: pool.id, to: '+14155550103', text: 'two' });
    expect(again.accountId).toBe(first.accountId);
    await expect(
      client.messages.send.mutate({ sessionId: a.id, poolId: pool.id, to: '+14155550103', text: 'x' }),
    ).rejects.toMatchObject({ message: 'Name either the session to send from or a pool, not both' });

    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550104', to: `+${a.phone}`, text: 'hello' });
    const contact = await waitFor(
      async () => (await client.contacts.list.query({ sessionId: a.id })).items[0],
      'the contact',
    );
    expect(
      await client.contacts.setTags.mutate({ id: contact.id, tags: ['VIP', 'vip', 'Spring 2025'] }),
    ).toEqual({
      tags: ['spring 2025', 'vip'],
    });
    expect((await client.contacts.list.query({ tag: 'vip' })).items.map((c) => c.tags)).toEqual([
      ['spring 2025', 'vip'],
    ]);
    expect(await client.contacts.tags.query({ sessionId: a.id })).toEqual([
      { tag: 'spring 2025', contacts: 1 },
      { tag: 'vip', contacts: 1 },
    ]);

    await sandbox(g, cookie, 'POST', '/inbound', { from: '+14155550104', to: `+${a.phone}`, text: 'STOP' });
    await waitFor(
      async () => (await client.optOuts.list.query({ sessionId: a.id })).total === 1,
      'the opt-out',
    );
    const list = await client.optOuts.list.query({ sessionId: a.id });
    expect(list.items[0]).toMatchObject({ phone: '14155550104', source: 'stop_word', note: 'STOP' });
    expect(await client.optOuts.settings.query({ sessionId: a.id })).toMatchObject({
      defaultStopWords: true,
      stopWords: ['STOP', 'UNSUBSCRIBE', 'PARAR', 'SAIR', 'BERHENTI', 'إيقاف'],
    });
  });
});

describe('the sandbox risk model over the control API', () => {
  it('counts spam reports from recipients toward a ban, and tells an account’s standing', async () => {
    const { g, cookie, client } = await setup({
      SANDBOX_RISK_MODEL: 'true',
      SANDBOX_RISK_STRIKES_TO_BAN: '2',
    });
    const sales = await createLinked(g, cookie, client, 'Spammy', '4915100000006');
    await client.messages.send.mutate({ sessionId: sales.id, to: '+14155550105', text: 'Buy!' });
    await waitFor(async () => (await received(g, cookie, '14155550105')).length === 1, 'the message');
    const report = (from: string) =>
      sandbox(g, cookie, 'POST', `/phones/${from}/report`, { account: `+${sales.phone}` });
    expect(await report('14155550199')).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT', message: expect.stringMatching(/never received/) },
    });
    const first = await report('14155550105');
    expect(first).toMatchObject({
      status: 200,
      body: { strikes: 1, banned: null, limitedUntil: expect.any(Number) },
    });
    expect((await sandbox(g, cookie, 'GET', `/sessions/${sales.id}/standing`)).body).toMatchObject({
      strikes: 1,
    });
    await report('14155550105');
    await waitFor(
      async () => (await client.sessions.byId.query({ id: sales.id })).status === 'failed',
      'the ban',
    );
    expect((await client.sessions.byId.query({ id: sales.id })).statusReason).toMatch(
      /^Banned by WhatsApp \(sandbox risk model\): reported as spam/,
    );
  });
});
