import { SCOPES } from '@switchboard/validators';
import { describe, expect, it } from 'vitest';
import { expiresAtFor, OFFERED_SCOPES, orderKeys, SCOPE_PRESETS } from './api-keys.ts';

describe('API key choices', () => {
  it('turns an expiry choice into a moment, or none', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(expiresAtFor('30d', now)).toBe(Date.UTC(2026, 0, 31));
    expect(expiresAtFor('1y', now)).toBe(Date.UTC(2027, 0, 1));
    expect(expiresAtFor('never', now)).toBeNull();
  });

  it('offers every scope that guards something, and presets made of them', () => {
    expect(OFFERED_SCOPES).toEqual(SCOPES.filter((s) => !s.startsWith('campaigns:')));
    for (const preset of SCOPE_PRESETS)
      for (const scope of preset.scopes) expect(OFFERED_SCOPES).toContain(scope);
  });

  it('lists working keys before the ones that no longer work', () => {
    const keys = [
      { id: 'a', status: 'revoked' as const },
      { id: 'b', status: 'active' as const },
      { id: 'c', status: 'expired' as const },
      { id: 'd', status: 'active' as const },
    ];
    expect(orderKeys(keys).map((k) => k.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});
