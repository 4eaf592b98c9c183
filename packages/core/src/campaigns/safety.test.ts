import { DEFAULT_RISK } from '@switchboard/engines/sandbox';
import { describe, expect, it } from 'vitest';
import { campaignHarness, csvOf, phones } from './test-support.ts';

const AUDIENCE = phones(60);

describe('the sandbox’s risk model against the campaign defaults', () => {
  it('bans an account that sends to an audience in a plain loop', async () => {
    const h = await campaignHarness({ risk: DEFAULT_RISK });
    const sales = await h.link(h.operator, 'Loop', '4915112340001');
    for (const phone of AUDIENCE) {
      try {
        await h.services.messages.send(h.operator, {
          sessionId: sales.id,
          to: `+${phone}`,
          text: 'Big sale today!',
        });
      } catch {
        // Once banned, the session is no longer connected and sends are refused.
      }
      await h.services.messages.drain();
    }
    await expect.poll(() => h.services.sessions.get(h.operator, sales.id).status).toBe('failed');
    expect(h.services.sessions.get(h.operator, sales.id).statusReason).toMatch(/^Banned by WhatsApp/);
    const reached = AUDIENCE.filter((p) => h.received(p).length > 0).length;
    expect(reached).toBeLessThan(AUDIENCE.length / 2);
  });

  it('leaves an account alone that sends the same audience through a campaign with the default pacing', async () => {
    const h = await campaignHarness({ risk: DEFAULT_RISK });
    const sales = await h.link(h.operator, 'Paced', '4915112340001');
    const draft = h.services.campaigns.create(h.operator, {
      name: 'Paced',
      sessionId: sales.id,
      variants: ['Big sale today, {{name}}!', 'Our sale starts today, {{name}}.'],
    });
    h.services.campaigns.addAudience(h.operator, {
      id: draft.id,
      source: { type: 'csv', csv: csvOf(AUDIENCE), phoneColumn: 'phone' },
    });
    h.services.campaigns.start(h.operator, draft.id);
    await h.runUntil(draft.id, 'completed', 50_000);
    for (const phone of AUDIENCE) expect(h.received(phone)).toHaveLength(1);
    expect(h.network.standing(sales.phone!)).toMatchObject({ strikes: 0, banned: null, limitedUntil: null });
    expect(h.services.sessions.get(h.operator, sales.id).status).toBe('connected');
  });
});
