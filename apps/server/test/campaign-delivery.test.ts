import { afterEach, describe, expect, it } from 'vitest';
import { connect, createLinked, sandbox, setupAdmin, startTestGateway, waitFor } from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const number = (i: number) => `1415555${String(1000 + i).padStart(4, '0')}`;

describe('a campaign end to end on the sandbox', () => {
  it('delivers a 200-row CSV with 5 duplicates, 3 opted-out and 2 numbers not on WhatsApp: exactly 190 personalised messages, none twice', async () => {
    const notOnWhatsApp = [number(10), number(20)];
    const g = await startTestGateway({
      SANDBOX_NOT_ON_WHATSAPP: notOnWhatsApp.join(','),
      SANDBOX_DELIVERED_DELAY_MS: '5',
      SANDBOX_READ_DELAY_MS: '10',
    });
    const cookie = await setupAdmin(g);
    const client = connect(g, cookie);
    cleanups.push(async () => {
      await client.close();
      await g.dispose();
    });
    const sales = await createLinked(g, cookie, client, 'Sales', '4915100000100');
    const optedOut = [number(30), number(40), number(50)];
    await client.optOuts.add.mutate({ sessionId: sales.id, phones: optedOut.map((p) => `+${p}`) });

    // 195 people, five of them twice (with other spellings of the number): 200 rows.
    const rows = Array.from({ length: 195 }, (_, i) => `+${number(i)},Person ${i},Town ${i % 9},${1000 + i}`);
    for (const i of [1, 2, 3, 4, 5]) rows.push(`00 ${number(i)},Twice ${i},Elsewhere,0`);
    const csv = ['phone,first name,town,order', ...rows].join('\r\n');
    const draft = await client.campaigns.create.mutate({
      name: 'Two hundred',
      sessionId: sales.id,
      variants: [
        'Hi {{first name}}, order {{order}} ships to {{town}} today.',
        'Hello {{First_Name}}! Your order {{order}} leaves for {{town}} today.',
      ],
      pacing: {
        minGapSeconds: 0.005,
        maxGapSeconds: 0.02,
        batchSize: 0,
        window: null,
        warmup: false,
        dailyCap: 1000,
        newContactsPerDay: 1000,
      },
    });
    const report = await client.campaigns.addAudience.mutate({
      id: draft.id,
      source: { type: 'csv', csv, phoneColumn: 'phone' },
    });
    expect(report).toMatchObject({ added: 192, duplicates: 5, optedOut: 3, invalid: 0, total: 195 });
    await client.campaigns.start.mutate({ id: draft.id });
    const done = await waitFor(
      async () => {
        const c = await client.campaigns.byId.query({ id: draft.id });
        return c.status === 'completed' && c.counts.read === 190 ? c : undefined;
      },
      'the campaign to complete with every message read',
      120_000,
    );
    expect(done.counts).toMatchObject({
      total: 195,
      read: 190,
      opted_out: 3,
      skipped: 2,
      failed: 0,
      unknown: 0,
    });

    let arrived = 0;
    for (let i = 0; i < 195; i++) {
      const { body } = await sandbox(g, cookie, 'GET', `/phones/${number(i)}/messages`);
      const texts = (body as Array<{ text: string; from: string }>).map((m) => m.text);
      if (notOnWhatsApp.includes(number(i)) || optedOut.includes(number(i))) {
        expect(texts, number(i)).toEqual([]);
        continue;
      }
      expect(texts, number(i)).toHaveLength(1);
      expect(texts[0]).toMatch(
        new RegExp(
          `^(Hi Person ${i}, order ${1000 + i} ships|Hello Person ${i}! Your order ${1000 + i} leaves for) .*Town ${i % 9} today\\.$`,
        ),
      );
      arrived++;
    }
    expect(arrived).toBe(190);
  });
});
