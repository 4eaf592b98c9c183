import { describe, expect, it } from 'vitest';
import { prependEntry, withEntry } from './history.ts';
import { describeHistory } from './session-events.ts';
import type { HistoryEntry } from './types.ts';

const entry = (id: number) =>
  ({
    id: String(id),
    sessionId: 's',
    ownerId: 'u',
    type: 'qr',
    status: null,
    detail: null,
    at: id,
  }) as HistoryEntry;
const data = (...ids: number[]) => ({
  pages: [{ items: ids.map(entry), nextCursor: null }],
  pageParams: [null],
});

describe('withEntry', () => {
  it('puts a newer entry on top, once', () => {
    const once = withEntry(data(5, 4), entry(6));
    expect(once.pages[0]?.items.map((e) => e.id)).toEqual(['6', '5', '4']);
    expect(withEntry(once, entry(6))).toBe(once);
  });
  it('ignores what a resumed stream repeats, and waits for the first page', () => {
    const loaded = data(5, 4);
    expect(withEntry(loaded, entry(4))).toBe(loaded);
    expect(withEntry(data(), entry(1)).pages[0]?.items.map((e) => e.id)).toEqual(['1']);
    const none = { pages: [], pageParams: [] };
    expect(withEntry(none, entry(1))).toBe(none);
  });
});

describe('prependEntry', () => {
  it('keeps the newest `max`, each once', () => {
    const list = prependEntry(prependEntry([], entry(1), 2), entry(2), 2);
    expect(prependEntry(list, entry(3), 2).map((e) => e.id)).toEqual(['3', '2']);
    expect(prependEntry(list, entry(2), 2)).toBe(list);
  });
});

describe('describeHistory', () => {
  it('names a status change by its status, with the reason the server recorded', () => {
    expect(
      describeHistory({
        type: 'status',
        status: 'reconnecting',
        detail: 'Network dropped',
        detailCoded: null,
      }),
    ).toEqual({
      title: 'Reconnecting',
      detail: 'Network dropped',
      tone: 'waiting',
    });
    expect(
      describeHistory({
        type: 'send_failed',
        status: null,
        detail: 'To 1415: not on WhatsApp',
        detailCoded: null,
      }),
    ).toMatchObject({
      title: 'Send failed',
      tone: 'danger',
    });
    expect(
      describeHistory({ type: 'limit_lifted', status: null, detail: null, detailCoded: null }).tone,
    ).toBe('success');
  });
});
