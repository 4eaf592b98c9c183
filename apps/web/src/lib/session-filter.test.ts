import { describe, expect, it } from 'vitest';
import { filterSessions, isFiltered, NO_FILTER } from './session-filter.ts';
import type { Session } from './types.ts';

const session = (over: Partial<Session>): Session =>
  ({
    id: 'x',
    name: 'X',
    engine: 'sandbox',
    ownerId: 'u1',
    owner: null,
    status: 'stopped',
    statusReason: null,
    phone: null,
    pushName: null,
    autoStart: false,
    proxy: null,
    qr: null,
    nextRetryAt: null,
    resources: null,
    limited: null,
    createdAt: 0,
    updatedAt: 0,
    statusChangedAt: 0,
    lastConnectedAt: null,
    ...over,
  }) as Session;

const fleet = [
  session({
    id: 'sales-1',
    name: 'Sales Berlin',
    phone: '4915112345678',
    status: 'connected',
    createdAt: 1,
    lastConnectedAt: 50,
  }),
  session({ id: 'support', name: 'Support', status: 'failed', engine: 'webjs', ownerId: 'u2', createdAt: 2 }),
  session({
    id: 'sales-2',
    name: 'sales Lisbon',
    phone: '351912345678',
    status: 'qr',
    createdAt: 3,
    lastConnectedAt: 10,
  }),
];
const ids = (list: Session[]) => list.map((s) => s.id);

describe('the sessions screen filter', () => {
  it('finds by part of the name or id in any case, or by the digits of the number', () => {
    expect(ids(filterSessions(fleet, { ...NO_FILTER, search: 'SALES' }))).toEqual(['sales-1', 'sales-2']);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, search: 'port' }))).toEqual(['support']);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, search: '+49 151' }))).toEqual(['sales-1']);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, search: 'nobody' }))).toEqual([]);
  });

  it('narrows by status, engine and owner together', () => {
    expect(ids(filterSessions(fleet, { ...NO_FILTER, status: 'qr' }))).toEqual(['sales-2']);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, engine: 'webjs' }))).toEqual(['support']);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, ownerId: 'u1', engine: 'sandbox' }))).toEqual([
      'sales-1',
      'sales-2',
    ]);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, search: ' x ' })).toBe(true);
  });

  it('sorts by name, number, last connection or what needs attention, either way round', () => {
    expect(ids(filterSessions(fleet, NO_FILTER))).toEqual(['sales-1', 'support', 'sales-2']);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, sort: 'name' }))).toEqual([
      'sales-1',
      'sales-2',
      'support',
    ]);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, sort: 'name', order: 'desc' }))).toEqual([
      'support',
      'sales-2',
      'sales-1',
    ]);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, sort: 'phone' }))).toEqual([
      'sales-2',
      'sales-1',
      'support',
    ]);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, sort: 'lastConnected', order: 'desc' }))).toEqual([
      'sales-1',
      'sales-2',
      'support',
    ]);
    expect(ids(filterSessions(fleet, { ...NO_FILTER, sort: 'attention' }))).toEqual([
      'support',
      'sales-2',
      'sales-1',
    ]);
  });
});
