import { describe, expect, it, vi } from 'vitest';
import { BRISK, campaignHarness, code, csvOf, phones } from './test-support.ts';

describe('campaign drafts', () => {
  it('start from the safe defaults and refuse impossible pacing, naming the setting', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const draft = h.services.campaigns.create(h.operator, { name: '  Spring sale ', sessionId: 'sales' });
    expect(draft).toMatchObject({
      name: 'Spring sale',
      status: 'draft',
      sessionId: 'sales',
      pacing: { minGapSeconds: 30, maxGapSeconds: 60, batchSize: 50, dailyCap: 200, warmup: true },
      warnings: [],
    });
    expect(() =>
      h.services.campaigns.update(h.operator, {
        id: draft.id,
        pacing: { minGapSeconds: 20, maxGapSeconds: 20 },
      }),
    ).toThrow(/fixed gap/);
    const loose = h.services.campaigns.update(h.operator, {
      id: draft.id,
      pacing: { minGapSeconds: 1, maxGapSeconds: 3, window: null },
    });
    expect(loose.warnings.join(' ')).toMatch(/look automated/);
    expect(loose.warnings.join(' ')).toMatch(/at night/);
  });

  it('belong to an account the operator may see: another operator’s answers NOT_FOUND', async () => {
    const h = await campaignHarness();
    await h.link(h.other, 'Theirs', '4915112340002');
    expect(() => h.services.campaigns.create(h.operator, { name: 'x', sessionId: 'theirs' })).toThrow(
      code('NOT_FOUND'),
    );
    const theirs = h.services.campaigns.create(h.other, { name: 'Theirs', sessionId: 'theirs' });
    expect(() => h.services.campaignQueries.get(h.operator, theirs.id)).toThrow(code('NOT_FOUND'));
    expect(() => h.services.campaigns.start(h.operator, theirs.id)).toThrow(code('NOT_FOUND'));
    expect(h.services.campaignQueries.list(h.operator, { limit: 10 }).items).toEqual([]);
    // An admin sees it, and so does whoever may see its account.
    expect(h.services.campaignQueries.get(h.admin, theirs.id).id).toBe(theirs.id);
    expect(() => h.services.campaigns.create(h.operator, { name: 'x' })).toThrow(/one of them/);
  });

  it('list the ones under way (running or paused) with their progress, only those the operator may see', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    await h.link(h.other, 'Theirs', '4915112340002');
    const started = (actor: typeof h.operator, name: string, sessionId: string) => {
      const draft = h.services.campaigns.create(actor, { name, sessionId, variants: ['Hi'], pacing: BRISK });
      h.services.campaigns.addAudience(actor, {
        id: draft.id,
        source: {
          type: 'numbers',
          text: phones(3)
            .map((p) => `+${p}`)
            .join('\n'),
        },
      });
      return h.services.campaigns.start(actor, draft.id);
    };
    const running = started(h.operator, 'Running', 'sales');
    const paused = started(h.operator, 'Paused', 'sales');
    h.services.campaigns.pause(h.operator, paused.id);
    h.services.campaigns.create(h.operator, { name: 'Draft', sessionId: 'sales' });
    const theirs = started(h.other, 'Theirs', 'theirs');

    const underWay = (actor: typeof h.operator) =>
      h.services.campaignQueries.list(actor, { status: ['running', 'paused'], limit: 10 }).items;
    // The same clock tick made both: their order is the ids'.
    const mine = underWay(h.operator).sort((a, b) => a.name.localeCompare(b.name));
    expect(mine.map((c) => [c.name, c.status, c.pause?.reason ?? null])).toEqual([
      ['Paused', 'paused', 'operator'],
      ['Running', 'running', null],
    ]);
    expect(underWay(h.operator).find((c) => c.id === running.id)?.counts).toMatchObject({ total: 3 });
    expect(underWay(h.other).map((c) => c.id)).toEqual([theirs.id]);
    expect(underWay(h.admin)).toHaveLength(3);
    expect(h.services.campaignQueries.list(h.operator, { status: 'draft', limit: 10 }).items).toHaveLength(1);
  });

  it('import a CSV: variables from every column, duplicates and opted-out counted, bad rows listed', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    h.services.optOuts.add(h.operator, { sessionId: 'sales', phones: ['+4915155500003'] });
    const draft = h.services.campaigns.create(h.operator, { name: 'Import', sessionId: 'sales' });
    const numbers = phones(4);
    const csv = `${csvOf(numbers)}\n+${numbers[0]},Again,Lyon\nnot a number,Bad,Row\n,Empty,Row`;
    const report = h.services.campaigns.addAudience(h.operator, {
      id: draft.id,
      source: { type: 'csv', csv, phoneColumn: 'Phone' },
    });
    expect(report).toMatchObject({ added: 3, duplicates: 1, optedOut: 1, invalid: 2, total: 4 });
    expect(report.problems).toEqual([
      {
        line: 7,
        value: 'not a number',
        reason: expect.stringMatching(/not a phone number/),
        reasonCoded: { reason: 'import.not_a_phone', params: { value: 'not a number' } },
      },
      {
        line: 8,
        value: '',
        reason: 'No phone number in this row',
        reasonCoded: { reason: 'import.no_phone', params: {} },
      },
    ]);
    const page = h.services.campaignQueries.recipients(h.operator, { id: draft.id, limit: 10 });
    expect(page.items[0]).toMatchObject({
      phone: numbers[0],
      name: 'Person 1',
      state: 'pending',
      variables: { name: 'Person 1', city: 'City 0' },
    });
    expect(page.items.find((r) => r.phone === numbers[2])?.state).toBe('opted_out');

    // Pasted numbers join the same audience, de-duplicated against it.
    const pasted = h.services.campaigns.addAudience(h.operator, {
      id: draft.id,
      source: { type: 'numbers', text: `+${numbers[1]}\n+49 151 5550 0099; +49 151 5550 0098` },
    });
    expect(pasted).toMatchObject({ added: 2, duplicates: 1, total: 6 });
    expect(() =>
      h.services.campaigns.addAudience(h.operator, {
        id: draft.id,
        source: { type: 'csv', csv, phoneColumn: 'mobile' },
      }),
    ).toThrow(/no column "mobile" \(its columns: phone, name, city\)/);
  });

  it('pick contacts from the inbox by tags', async () => {
    const h = await campaignHarness();
    const sales = await h.link(h.operator, 'Sales', '4915112340001');
    for (const from of ['4915155500001', '4915155500002', '4915155500003'])
      h.network.inbound(from, sales.phone!, { text: 'Hello' });
    await h.settle();
    const contacts = await vi.waitFor(() => {
      const page = h.services.inbox.listContacts(h.operator, { sessionId: 'sales', limit: 10 });
      expect(page.items).toHaveLength(3);
      return page.items;
    });
    const [a, b] = contacts;
    h.services.contactTags.set(h.operator, { id: a!.id, tags: ['VIP', ' newsletter '] });
    h.services.contactTags.set(h.operator, { id: b!.id, tags: ['newsletter'] });
    expect(h.services.contactTags.list(h.operator, { sessionId: 'sales' })).toEqual([
      { tag: 'newsletter', contacts: 2 },
      { tag: 'vip', contacts: 1 },
    ]);
    const draft = h.services.campaigns.create(h.operator, { name: 'VIPs', sessionId: 'sales' });
    const all = (tags: string[], match: 'any' | 'all') =>
      h.services.campaigns.addAudience(h.operator, {
        id: draft.id,
        source: { type: 'contacts', tags, match },
      });
    expect(all(['vip', 'newsletter'], 'all')).toMatchObject({ added: 1 });
    expect(all(['vip', 'newsletter'], 'any')).toMatchObject({ added: 1, duplicates: 1, total: 2 });
    expect(all([], 'any')).toMatchObject({ added: 1, total: 3 });
    expect(() => h.services.contactTags.set(h.operator, { id: a!.id, tags: ['#bad'] })).toThrow(
      /letters, digits/,
    );
  });

  it('preview each wording for a sample recipient and say which variables it lacks', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const draft = h.services.campaigns.create(h.operator, {
      name: 'Preview',
      sessionId: 'sales',
      variants: ['Hi {{name|there}}, see you in {{city}}!', 'Hello {{name}}, your code is {{code}}.'],
    });
    h.services.campaigns.addAudience(h.operator, {
      id: draft.id,
      source: { type: 'csv', csv: csvOf(phones(1)), phoneColumn: 'phone' },
    });
    expect(h.services.campaigns.preview(h.operator, { id: draft.id }).variants).toEqual([
      { text: 'Hi Person 1, see you in City 0!', missing: [], length: 31 },
      { text: 'Hello Person 1, your code is.', missing: ['code'], length: 29 },
    ]);
  });

  it('refuse to start without a message, an audience, or with a wording too long once filled in', async () => {
    const h = await campaignHarness();
    await h.link(h.operator, 'Sales', '4915112340001');
    const draft = h.services.campaigns.create(h.operator, {
      name: 'Empty',
      sessionId: 'sales',
      pacing: BRISK,
    });
    expect(() => h.services.campaigns.start(h.operator, draft.id)).toThrow(/Write the message/);
    h.services.campaigns.update(h.operator, { id: draft.id, variants: ['Hi {{name}}'] });
    expect(() => h.services.campaigns.start(h.operator, draft.id)).toThrow(/nobody to send to/);
    h.services.campaigns.addAudience(h.operator, {
      id: draft.id,
      source: {
        type: 'csv',
        csv: `phone,name\n+4915155500001,${'x'.repeat(999)}`,
        phoneColumn: 'phone',
      },
    });
    expect(() => h.services.campaigns.start(h.operator, draft.id)).toThrow(
      /Wording 1 filled in for \+4915155500001: Message text is 1002 characters long/,
    );
    expect(() => h.services.campaigns.schedule(h.operator, { id: draft.id, at: h.clock.now() - 1 })).toThrow(
      /has passed/,
    );
    expect(() => h.services.campaigns.pause(h.operator, draft.id)).toThrow(/draft: it cannot be paused/);
  });
});
