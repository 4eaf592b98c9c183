import type { ApiKeyStatus, Scope } from '@switchboard/validators';
import { i18n } from '../i18n/i18n.ts';
import type { StatusTone } from './session-status.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Lifetimes offered when creating a key; "never" is a real choice for servers that rotate keys themselves. */
export const EXPIRY_CHOICES = [
  { id: '30d', days: 30 },
  { id: '90d', days: 90 },
  { id: '1y', days: 365 },
  { id: 'never', days: null },
] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['id'];

/** When a key made `now` with this choice expires (ms since epoch), or null for never. */
export function expiresAtFor(choice: ExpiryChoice, now: number): number | null {
  const days = EXPIRY_CHOICES.find((c) => c.id === choice)?.days ?? null;
  return days === null ? null : now + days * DAY;
}

/**
 * The scopes the dashboard offers, grouped the way the dashboard's screens are. Campaign scopes exist for
 * the campaigns to come; nothing checks them yet, so they are not offered.
 */
type ScopeKey =
  | 'sessionsRead'
  | 'sessionsManage'
  | 'messagesSend'
  | 'messagesRead'
  | 'inboxRead'
  | 'inboxWrite'
  | 'webhooksManage';

export const SCOPE_GROUPS: Array<{
  group: 'sessions' | 'messages' | 'inbox' | 'webhooks';
  /** `key` names the scope's words in the catalogue (a ":" would read as a namespace there). */
  scopes: Array<{ scope: Scope; key: ScopeKey }>;
}> = [
  {
    group: 'sessions',
    scopes: [
      { scope: 'sessions:read', key: 'sessionsRead' },
      { scope: 'sessions:manage', key: 'sessionsManage' },
    ],
  },
  {
    group: 'messages',
    scopes: [
      { scope: 'messages:send', key: 'messagesSend' },
      { scope: 'messages:read', key: 'messagesRead' },
    ],
  },
  {
    group: 'inbox',
    scopes: [
      { scope: 'inbox:read', key: 'inboxRead' },
      { scope: 'inbox:write', key: 'inboxWrite' },
    ],
  },
  { group: 'webhooks', scopes: [{ scope: 'webhooks:manage', key: 'webhooksManage' }] },
];

export const OFFERED_SCOPES: Scope[] = SCOPE_GROUPS.flatMap((g) => g.scopes.map((s) => s.scope));

/** Ready-made scope sets for the usual integrations. */
export const SCOPE_PRESETS: Array<{ id: 'send' | 'readOnly' | 'everything'; scopes: Scope[] }> = [
  { id: 'send', scopes: ['sessions:read', 'messages:send', 'messages:read'] },
  { id: 'readOnly', scopes: ['sessions:read', 'messages:read', 'inbox:read'] },
  { id: 'everything', scopes: OFFERED_SCOPES },
];

export const KEY_STATUS_META: Record<ApiKeyStatus, { label: string; tone: StatusTone }> = {
  active: {
    get label() {
      return i18n.t('apiKeys.status.active');
    },
    tone: 'success',
  },
  expired: {
    get label() {
      return i18n.t('apiKeys.status.expired');
    },
    tone: 'waiting',
  },
  revoked: {
    get label() {
      return i18n.t('apiKeys.status.revoked');
    },
    tone: 'neutral',
  },
};

/** Keys that still work first (newest first, as the server sends them), then the ones that no longer do. */
export function orderKeys<T extends { status: ApiKeyStatus }>(keys: readonly T[]): T[] {
  return [...keys.filter((k) => k.status === 'active'), ...keys.filter((k) => k.status !== 'active')];
}
