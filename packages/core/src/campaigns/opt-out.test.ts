import { describe, expect, it } from 'vitest';
import { campaignHarness, code, phones, started } from './test-support.ts';

describe('opt-out', () => {
  it('a STOP reply mid-campaign removes the sender from it and from the account’s other pending campaign', async () => {
    const h = await campaignHarness();
    const sales = await h.link(h.operator, 'Sales', '4915112340001');
    h.services.optOuts.updateSettings(h.operator, {
      sessionId: 'sales',
      stopWords: null,
      confirmation: 'You will not hear from us again.',
    });
    const numbers = phones(6);
    const first = started(h, {
      sessionId: 'sales',
      numbers,
      pacing: { minGapSeconds: 60, maxGapSeconds: 90 },
    });
    const draft = h.services.campaigns.create(h.operator, {
      name: 'Later',
      sessionId: 'sales',
      variants: ['Hi'],
    });
    h.services.campaigns.addAudience(h.operator, {
      id: draft.id,
      source: { type: 'numbers', text: numbers.map((p) => `+${p}`).join('\n') },
    });
    // The first message went out; its recipient answers "Stop!"… and so, unprompted, does number 4.
    await h.settle();
    expect(h.received(numbers[0]!)).toHaveLength(1);
    h.network.inbound(numbers[0]!, sales.phone!, { text: ' Stop! ' });
    h.network.inbound(numbers[3]!, sales.phone!, { text: 'إيقاف' });
    await expect
      .poll(() => h.services.optOuts.list(h.operator, { sessionId: 'sales', limit: 10 }).total)
      .toBe(2);
    await h.runUntil(first, 'completed');

    expect(h.received(numbers[3]!)).toEqual(['You will not hear from us again.']);
    expect(h.received(numbers[0]!).at(-1)).toBe('You will not hear from us again.');
    const states = (id: string) =>
      Object.fromEntries(
        h.services.campaignQueries
          .recipients(h.operator, { id, limit: 10 })
          .items.map((r) => [r.phone, r.state]),
      );
    expect(states(first)[numbers[3]!]).toBe('opted_out');
    expect(states(draft.id)[numbers[0]!]).toBe('opted_out');
    expect(states(draft.id)[numbers[3]!]).toBe('opted_out');
    expect(h.services.optOuts.list(h.operator, { sessionId: 'sales', limit: 10 }).items).toEqual([
      expect.objectContaining({ source: 'stop_word' }),
      expect.objectContaining({ source: 'stop_word' }),
    ]);
  });

  it('is managed by hand and by CSV, per account, with clear refusals', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    await h.link(h.other, 'Theirs', '4915112340002');
    const added = h.services.optOuts.add(h.operator, {
      sessionId: 'sales',
      phones: ['+49 151 5550 0001', '004915155500001', 'nope'],
    });
    expect(added).toMatchObject({ added: 1, already: 0, invalid: 1 });
    const imported = h.services.optOuts.import(h.operator, {
      sessionId: 'sales',
      csv: 'Name;Telefon\nA;+4915155500001\nB;+4915155500002\nC;12',
    });
    expect(imported).toMatchObject({
      added: 1,
      already: 1,
      invalid: 1,
      problems: [{ line: 4, value: '12' }],
    });
    expect(
      h.services.optOuts.import(h.operator, { sessionId: 'sales', csv: '+4915155500003\n+4915155500004' }),
    ).toMatchObject({ added: 2 });
    h.services.optOuts.remove(h.operator, { sessionId: 'sales', phone: '+4915155500001' });
    expect(() =>
      h.services.optOuts.remove(h.operator, { sessionId: 'sales', phone: '+4915155500001' }),
    ).toThrow(code('NOT_FOUND'));
    expect(h.services.optOuts.list(h.operator, { sessionId: 'sales', limit: 10 }).total).toBe(3);
    expect(() => h.services.optOuts.list(h.operator, { sessionId: 'theirs', limit: 10 })).toThrow(
      code('NOT_FOUND'),
    );
    expect(() =>
      h.services.optOuts.updateSettings(h.operator, {
        sessionId: 'sales',
        stopWords: [' ', ''],
        confirmation: null,
      }),
    ).toThrow(/at least one stop word/);
    expect(
      h.services.optOuts.updateSettings(h.operator, {
        sessionId: 'sales',
        stopWords: ['Basta', 'basta '],
        confirmation: null,
      }),
    ).toMatchObject({ stopWords: ['Basta'], defaultStopWords: false });
  });
});
