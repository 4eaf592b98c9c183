import type { ApiKeyStatus, Scope } from '@switchboard/validators';
import type { StatusTone } from './session-status.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Lifetimes offered when creating a key; "never" is a real choice for servers that rotate keys themselves. */
export const EXPIRY_CHOICES = [
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', days: 365 },
  { id: 'never', label: 'Never', days: null },
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
export const SCOPE_GROUPS: Array<{ label: string; scopes: Array<{ scope: Scope; label: string }> }> = [
  {
    label: 'Sessions',
    scopes: [
      { scope: 'sessions:read', label: 'See' },
      { scope: 'sessions:manage', label: 'Manage' },
    ],
  },
  {
    label: 'Messages',
    scopes: [
      { scope: 'messages:send', label: 'Send' },
      { scope: 'messages:read', label: 'Read' },
    ],
  },
  {
    label: 'Inbox',
    scopes: [
      { scope: 'inbox:read', label: 'Read' },
      { scope: 'inbox:write', label: 'Answer & organise' },
    ],
  },
  { label: 'Webhooks', scopes: [{ scope: 'webhooks:manage', label: 'Manage' }] },
];

export const OFFERED_SCOPES: Scope[] = SCOPE_GROUPS.flatMap((g) => g.scopes.map((s) => s.scope));

/** Ready-made scope sets for the usual integrations. */
export const SCOPE_PRESETS: Array<{ label: string; scopes: Scope[] }> = [
  { label: 'Send messages', scopes: ['sessions:read', 'messages:send', 'messages:read'] },
  { label: 'Read only', scopes: ['sessions:read', 'messages:read', 'inbox:read'] },
  { label: 'Everything', scopes: OFFERED_SCOPES },
];

export const KEY_STATUS_META: Record<ApiKeyStatus, { label: string; tone: StatusTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'waiting' },
  revoked: { label: 'Revoked', tone: 'neutral' },
};

/** Keys that still work first (newest first, as the server sends them), then the ones that no longer do. */
export function orderKeys<T extends { status: ApiKeyStatus }>(keys: readonly T[]): T[] {
  return [...keys.filter((k) => k.status === 'active'), ...keys.filter((k) => k.status !== 'active')];
}
