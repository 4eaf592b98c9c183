import { describe, expect, it } from 'vitest';
import { code, harness } from './test-support.ts';

describe('SessionManager visibility', () => {
  it('shows operators only their own sessions; a foreign one looks exactly like a missing one', async () => {
    const h = await harness();
    await h.manager.create(h.operator, { name: 'Mine', engine: 'sandbox', start: false });
    await h.manager.create(h.other, { name: 'Theirs', engine: 'sandbox', start: false });

    expect(h.manager.list(h.operator).map((s) => s.id)).toEqual(['mine']);
    expect(h.manager.list(h.other).map((s) => s.id)).toEqual(['theirs']);
    expect(
      h.manager
        .list(h.admin)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['mine', 'theirs']);
    expect(h.manager.get(h.admin, 'theirs').ownerId).toBe(h.other.id);

    const foreign = (() => {
      try {
        h.manager.get(h.operator, 'theirs');
      } catch (error) {
        return error as Error & { code: string };
      }
    })();
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', message: 'Session theirs not found' });
    expect(() => h.manager.get(h.operator, 'nobody')).toThrow('Session nobody not found');
    expect(() => h.manager.visibleOwner(h.operator, 'theirs')).toThrow(code('NOT_FOUND'));

    await expect(h.manager.start(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    await expect(h.manager.stop(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    await expect(h.manager.logout(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    await expect(h.manager.delete(h.operator, 'theirs')).rejects.toThrow(code('NOT_FOUND'));
    expect(() => h.manager.update(h.operator, 'theirs', { name: 'Mine now' })).toThrow(code('NOT_FOUND'));
    expect(h.fake.sessions).toHaveLength(0);
    expect(h.manager.get(h.admin, 'theirs').name).toBe('Theirs');

    expect(h.manager.stats(h.operator)).toMatchObject({ total: 1, byStatus: { stopped: 1 } });
    expect(h.manager.stats(h.admin).total).toBe(2);
    expect(h.manager.snapshot(h.operator, h.bus.lastId).map((e) => e.sessionId)).toEqual(['mine']);
  });
});
