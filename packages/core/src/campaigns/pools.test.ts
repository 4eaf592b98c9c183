import { describe, expect, it } from 'vitest';
import { PNG } from '../media/test-files.ts';
import { campaignHarness, code, phones, started } from './test-support.ts';

describe('pools', () => {
  it('spread a campaign over their accounts; a dropped account’s recipients move on, none twice, and stay with their first number once it is back', async () => {
    const h = await campaignHarness();
    const accounts = [
      await h.link(h.operator, 'Alpha', '4915112340001'),
      await h.link(h.operator, 'Bravo', '4915112340002'),
      await h.link(h.operator, 'Charlie', '4915112340003'),
    ];
    const pool = h.services.pools.create(h.operator, { name: 'Team', sessionIds: accounts.map((a) => a.id) });
    const numbers = phones(30);
    const first = started(h, { poolId: pool.id, numbers });

    // A third of the way in, Bravo's connection drops, and the network keeps it away for a while.
    for (let i = 0; i < 200; i++) {
      await h.settle();
      if (h.services.campaignQueries.get(h.operator, first).counts.pending <= 20) break;
      h.clock.next();
    }
    h.network.drop('bravo', 1_500);
    await expect.poll(() => h.services.sessions.get(h.operator, 'bravo').status).toBe('reconnecting');
    const heardFromBravo = numbers.filter((p) => h.network.phoneMessages(p)[0]?.from === '4915112340002');
    expect(heardFromBravo.length).toBeGreaterThan(0);
    await h.runUntil(first, 'completed');

    const senders = (phone: string) => h.network.phoneMessages(phone).map((m) => m.from);
    for (const phone of numbers) expect(senders(phone)).toHaveLength(1);
    const byAccount = new Map<string, number>();
    for (const p of numbers) byAccount.set(senders(p)[0]!, (byAccount.get(senders(p)[0]!) ?? 0) + 1);
    expect(byAccount.get('4915112340001')).toBeGreaterThan(5);
    expect(byAccount.get('4915112340003')).toBeGreaterThan(5);

    // Bravo is back by itself: a second campaign reaches everyone from the number they first heard from.
    await expect
      .poll(() => h.services.sessions.get(h.operator, 'bravo').status, { timeout: 10_000 })
      .toBe('connected');
    const second = started(h, { poolId: pool.id, numbers });
    await h.runUntil(second, 'completed');
    for (const phone of numbers) {
      const [a, b] = senders(phone);
      expect(b, phone).toBe(a);
    }
    // So does a single send naming the pool.
    const single = await h.services.messages.send(h.operator, {
      poolId: pool.id,
      to: `+${heardFromBravo[0]}`,
      text: 'Hi',
    });
    expect(single.accountId).toBe('bravo');
  });

  it('send a place from the number the recipient heard from, and refuse a file uploaded for another account', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Alpha', '4915112340001');
    await h.link(h.operator, 'Bravo', '4915112340002');
    const pool = h.services.pools.create(h.operator, { name: 'Team', sessionIds: ['alpha', 'bravo'] });
    const to = '+4915155500001';
    const hello = await h.services.messages.send(h.operator, { poolId: pool.id, to, text: 'Hello' });
    await h.services.messages.drain();
    const place = { latitude: 52.5219, longitude: 13.4132, name: 'Shop' };
    const sent = await h.services.messages.send(h.operator, {
      poolId: pool.id,
      to,
      type: 'location',
      location: place,
    });
    expect(sent).toMatchObject({
      accountId: hello.accountId,
      type: 'location',
      location: { ...place, address: null },
    });
    await h.services.messages.drain();
    const from = h.network.phoneMessages('4915155500001')[0]!.from;
    expect(h.network.phoneMessages('4915155500001')).toMatchObject([
      { from, type: 'text', text: 'Hello' },
      { from, type: 'location', location: { latitude: 52.5219, longitude: 13.4132, name: 'Shop' } },
    ]);
    const other = hello.accountId === 'alpha' ? 'bravo' : 'alpha';
    const upload = await h.services.media.upload(h.operator, {
      sessionId: other,
      type: 'image',
      body: [PNG],
    });
    await expect(
      h.services.messages.send(h.operator, { poolId: pool.id, to, type: 'image', media: { id: upload.id } }),
    ).rejects.toThrow(code('NOT_FOUND'));
  });

  it('hold only accounts the operator may manage, and answer NOT_FOUND to others', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Alpha', '4915112340001');
    await h.link(h.other, 'Theirs', '4915112340009');
    expect(() =>
      h.services.pools.create(h.operator, { name: 'Mixed', sessionIds: ['alpha', 'theirs'] }),
    ).toThrow(code('NOT_FOUND'));
    const pool = h.services.pools.create(h.operator, { name: 'Mine', sessionIds: ['alpha'] });
    expect(() => h.services.pools.get(h.other, pool.id)).toThrow(code('NOT_FOUND'));
    await expect(
      h.services.messages.send(h.other, { poolId: pool.id, to: '+4915155500001', text: 'x' }),
    ).rejects.toThrow(code('NOT_FOUND'));
    expect(() => h.services.campaigns.create(h.other, { name: 'x', poolId: pool.id })).toThrow(
      code('NOT_FOUND'),
    );
    await h.services.sessions.stop(h.operator, 'alpha');
    await expect(
      h.services.messages.send(h.operator, { poolId: pool.id, to: '+4915155500001', text: 'x' }),
    ).rejects.toThrow(/No account of pool Mine can send now \(alpha: stopped\)/);
    const campaign = h.services.campaigns.create(h.operator, { name: 'Pool', poolId: pool.id });
    expect(campaign).toMatchObject({ poolId: pool.id, sessionId: null });
    expect(() => h.services.pools.delete(h.operator, pool.id)).toThrow(/1 campaigns that are not finished/);
  });
});
