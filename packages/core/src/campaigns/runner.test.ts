import { campaignRecipients } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { BRISK, type CampaignHarness, campaignHarness, phones, started } from './test-support.ts';

const claims = (h: CampaignHarness, id: string) =>
  h.db
    .select()
    .from(campaignRecipients)
    .where(eq(campaignRecipients.campaignId, id))
    .all()
    .map((r) => r.claimedAt!)
    .sort((a, b) => a - b);

describe('the campaign runner', () => {
  it('sends each recipient one personalised message, a random gap apart, picking wordings per recipient', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const numbers = phones(12);
    const id = started(h, { sessionId: 'sales', numbers, pacing: { minGapSeconds: 30, maxGapSeconds: 60 } });
    await h.runUntil(id, 'completed');

    for (const [i, phone] of numbers.entries()) {
      const got = h.received(phone);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatch(new RegExp(`^(Hi|Hello) Person ${i + 1}[,!] .*City ${i % 7}\\.$`));
    }
    const wordings = new Set(numbers.map((p) => h.received(p)[0]!.split(' ')[0]));
    expect(wordings).toEqual(new Set(['Hi', 'Hello']));
    const times = claims(h, id);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(30_000);
      expect(gap).toBeLessThanOrEqual(60_000);
    }
    expect(new Set(gaps).size).toBeGreaterThan(1);
    const done = h.services.campaignQueries.get(h.operator, id);
    expect(done.counts).toMatchObject({ total: 12, pending: 0, sending: 0 });
    expect(done.counts.sent + done.counts.delivered + done.counts.read).toBe(12);
  });

  it('pauses for a batch pause every N messages', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const id = started(h, {
      sessionId: 'sales',
      numbers: phones(7),
      pacing: { minGapSeconds: 1, maxGapSeconds: 2, batchSize: 3, batchPauseMinutes: 15 },
    });
    await h.runUntil(id, 'completed');
    const times = claims(h, id);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[2]).toBe(15 * 60_000);
    expect(gaps[5]).toBe(15 * 60_000);
    expect(gaps.filter((g) => g < 60_000)).toHaveLength(4);
  });

  it('pauses outside sending hours and resumes by itself when they begin', async () => {
    // Friday 10 January 2025, 16:58 in Berlin.
    const h = await campaignHarness({ start: Date.UTC(2025, 0, 10, 15, 58) });
    await h.link(h.operator, 'Sales', '4915112340001');
    const window = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'Europe/Berlin' };
    const id = started(h, {
      sessionId: 'sales',
      numbers: phones(5),
      pacing: { minGapSeconds: 50, maxGapSeconds: 59, window },
    });
    await h.runUntil(id, 'paused');
    const paused = h.services.campaignQueries.get(h.operator, id);
    expect(paused.pause).toMatchObject({
      reason: 'outside_hours',
      resumesByItself: true,
      // Monday 13 January, 09:00 in Berlin.
      resumeAt: Date.UTC(2025, 0, 13, 8, 0),
    });
    expect(paused.pause?.detail).toMatch(/Mon–Fri 09:00–17:00 \(Europe\/Berlin\)/);
    expect(paused.counts.pending).toBeGreaterThan(0);
    await h.runUntil(id, 'completed');
    const mondays = claims(h, id).filter((t) => t >= Date.UTC(2025, 0, 13, 8, 0));
    expect(mondays.length).toBe(5 - (5 - paused.counts.pending));
    for (const phone of phones(5)) expect(h.received(phone)).toHaveLength(1);
  });

  it('keeps the daily cap per account across its campaigns, and goes on as the day’s messages age', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const first = started(h, { sessionId: 'sales', numbers: phones(4, '49151666'), pacing: { dailyCap: 5 } });
    const second = started(h, {
      sessionId: 'sales',
      numbers: phones(4, '49151777'),
      pacing: { dailyCap: 5 },
    });
    const startedAt = h.clock.now();
    await h.runUntil(first, 'paused');
    await h.runUntil(second, 'paused');
    const [a, b] = [first, second].map((id) => h.services.campaignQueries.get(h.operator, id));
    expect(a!.pause?.reason).toBe('daily_cap');
    expect(a!.accounts[0]).toMatchObject({ sentToday: 5, cap: 5 });
    expect(a!.counts.pending + b!.counts.pending).toBe(3);
    expect(a!.pause?.resumeAt).toBeGreaterThanOrEqual(startedAt + 24 * 3_600_000);
    await h.runUntil(first, 'completed');
    await h.runUntil(second, 'completed');
    for (const phone of [...phones(4, '49151666'), ...phones(4, '49151777')])
      expect(h.received(phone)).toHaveLength(1);
  });

  it('caps a young account with the warm-up cap', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const id = started(h, { sessionId: 'sales', numbers: phones(25), pacing: { warmup: true } });
    await h.runUntil(id, 'paused');
    const view = h.services.campaignQueries.get(h.operator, id);
    expect(view.pause?.reason).toBe('daily_cap');
    expect(view.pause?.detail).toMatch(/20 campaign messages .*warm-up cap/);
    expect(view.accounts[0]).toMatchObject({ sentToday: 20, cap: 20, warmupCap: 20 });
  });

  it('pauses when the account leaves connected and goes on once it is back, without sending twice', async () => {
    const h = await campaignHarness();
    const sales = await h.link(h.operator, 'Sales', '4915112340001');
    const numbers = phones(6);
    const id = started(h, { sessionId: 'sales', numbers });
    await h.runUntil(id, 'running');
    h.clock.next();
    await h.settle();
    h.network.drop(sales.id, 50);
    await h.runUntil(id, 'paused');
    const paused = h.services.campaignQueries.get(h.operator, id).pause;
    expect(paused).toMatchObject({ reason: 'disconnected', resumesByItself: true });
    expect(paused?.detail).toMatch(/goes on by itself once it is connected again/);
    await h.runUntil(id, 'completed');
    for (const phone of numbers) expect(h.received(phone)).toHaveLength(1);
  });

  it('pauses after a streak of failures and waits for the operator', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const id = started(h, { sessionId: 'sales', numbers: phones(8), pacing: { failureStreak: 3 } });
    // The first three sends fail inside WhatsApp Web, then it works again.
    const engine = h.services.sessions.connectedEngine('sales');
    const send = engine.send.bind(engine);
    let calls = 0;
    engine.send = async (to, content) => {
      calls++;
      if (calls <= 3) throw new Error('Evaluation failed: something broke in WhatsApp Web');
      return send(to, content);
    };
    await h.runUntil(id, 'paused');
    const view = h.services.campaignQueries.get(h.operator, id);
    expect(view.pause).toMatchObject({ reason: 'failure_streak', resumesByItself: false });
    expect(view.pause?.detail).toMatch(/3 messages in a row failed .*Evaluation failed/);
    expect(view.counts.failed).toBe(3);
    // Nothing more goes out until the operator resumes.
    for (let i = 0; i < 5; i++) h.clock.next();
    await h.settle();
    expect(h.services.campaignQueries.get(h.operator, id).counts.pending).toBe(5);
    h.services.campaigns.resume(h.operator, id);
    await h.runUntil(id, 'completed');
    expect(h.services.campaignQueries.get(h.operator, id).counts).toMatchObject({ failed: 3, pending: 0 });
  });

  it('skips numbers that are not on WhatsApp when asked to check them first', async () => {
    const h = await campaignHarness({ notOnWhatsApp: ['4915155500002'] });
    await h.link(h.operator, 'Sales', '4915112340001');
    const draft = h.services.campaigns.create(h.operator, {
      name: 'Checked',
      sessionId: 'sales',
      variants: ['Hi'],
      pacing: BRISK,
      checkNumbers: true,
    });
    h.services.campaigns.addAudience(h.operator, {
      id: draft.id,
      source: {
        type: 'numbers',
        text: phones(3)
          .map((p) => `+${p}`)
          .join('\n'),
      },
    });
    h.services.campaigns.start(h.operator, draft.id);
    await h.runUntil(draft.id, 'completed');
    const page = h.services.campaignQueries.recipients(h.operator, {
      id: draft.id,
      state: 'skipped',
      limit: 10,
    });
    expect(page.items).toMatchObject([{ phone: '4915155500002', error: 'Not on WhatsApp', messageId: null }]);
    expect(h.received('4915155500002')).toEqual([]);
  });

  it('pauses on the reach-out limit and goes on after it', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const id = started(h, { sessionId: 'sales', numbers: phones(4) });
    const engine = h.services.sessions.connectedEngine('sales');
    const send = engine.send.bind(engine);
    let limited = true;
    engine.send = async (to, content) => {
      if (limited) {
        const { EngineSendError } = await import('@switchboard/engines/contract');
        throw new EngineSendError('WhatsApp refused: 463', {
          outcome: 'failed',
          reason: 'reach_out_limited',
        });
      }
      return send(to, content);
    };
    await h.runUntil(id, 'paused');
    const view = h.services.campaignQueries.get(h.operator, id);
    expect(view.pause).toMatchObject({ reason: 'limited', resumesByItself: true });
    expect(view.counts.pending).toBe(4);
    limited = false;
    await h.runUntil(id, 'completed');
    for (const phone of phones(4)) expect(h.received(phone)).toHaveLength(1);
  });

  it('waits out a reach-out limit WhatsApp announced before any send was refused', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const { until } = h.network.limit('sales', 2 * 3_600_000);
    const id = started(h, { sessionId: 'sales', numbers: phones(3) });
    await h.runUntil(id, 'paused');
    const view = h.services.campaignQueries.get(h.operator, id);
    expect(view.pause).toMatchObject({ reason: 'limited', resumeAt: until, resumesByItself: true });
    expect(view.accounts[0]?.limitedUntil).toBe(until);
    for (const phone of phones(3)) expect(h.received(phone)).toEqual([]);
    await h.runUntil(id, 'completed');
    for (const phone of phones(3)) expect(h.received(phone)).toHaveLength(1);
  });

  it('follows receipts and counts replies', async () => {
    const h = await campaignHarness();
    const sales = await h.link(h.operator, 'Sales', '4915112340001');
    const numbers = phones(3);
    const id = started(h, { sessionId: 'sales', numbers });
    await h.runUntil(id, 'completed');
    h.network.inbound(numbers[1]!, sales.phone!, { text: 'Thanks, interested!' });
    await expect
      .poll(() => h.services.campaignQueries.get(h.operator, id).counts)
      .toMatchObject({ read: 3, replied: 1 });
  });
});
