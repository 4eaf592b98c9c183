import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accounts, openDatabase } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountById } from './account-rows.ts';
import { addUser, FAST_HASH, freshUsers, seedAdmin } from './auth/test-support.ts';
import { UserService } from './auth/users.ts';
import { transaction } from './prepared.ts';

async function setup(path?: string) {
  const { db, users } = path
    ? (() => {
        const db = openDatabase(path);
        return { db, users: new UserService(db, { hashOptions: FAST_HASH }) };
      })()
    : freshUsers();
  const admin = await seedAdmin(users);
  const olga = await addUser(users, admin, 'olga@example.com', 'operator');
  const now = Date.now();
  db.insert(accounts)
    .values({
      id: 'sales-1',
      name: 'Sales',
      engine: 'sandbox',
      ownerId: olga.id,
      updatedAt: now,
      statusChangedAt: now,
    })
    .run();
  return { db, admin, olga, row: accountById(db) };
}

describe('account rows by id', () => {
  it('sees every change to a row on the very next read, whatever code wrote it', async () => {
    const { db, admin, row } = await setup();
    expect(row('sales-1')?.name).toBe('Sales');
    db.update(accounts).set({ name: 'Support', status: 'connected' }).where(eq(accounts.id, 'sales-1')).run();
    expect(row('sales-1')).toMatchObject({ name: 'Support', status: 'connected' });
    // Raw SQL, as a hand edit or another module would write it.
    db.$client.prepare('UPDATE accounts SET owner_id = ? WHERE id = ?').run(admin.id, 'sales-1');
    expect(row('sales-1')?.ownerId).toBe(admin.id);
    db.delete(accounts).where(eq(accounts.id, 'sales-1')).run();
    expect(row('sales-1')).toBeUndefined();
  });

  it('sees a change another connection committed (a hand edit in a sqlite3 shell) from the next turn on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-rows-'));
    try {
      const path = join(dir, 'switchboard.db');
      const { db, admin, row } = await setup(path);
      expect(row('sales-1')?.name).toBe('Sales');
      const other = openDatabase(path).$client;
      other
        .prepare('UPDATE accounts SET owner_id = ?, name = ? WHERE id = ?')
        .run(admin.id, 'Moved', 'sales-1');
      other.close();
      await new Promise(setImmediate);
      expect(row('sales-1')).toMatchObject({ ownerId: admin.id, name: 'Moved' });
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a row created after the same id was looked up and missing', async () => {
    const { db, olga, row } = await setup();
    expect(row('late-1')).toBeUndefined();
    const now = Date.now();
    db.insert(accounts)
      .values({
        id: 'late-1',
        name: 'Late',
        engine: 'sandbox',
        ownerId: olga.id,
        updatedAt: now,
        statusChangedAt: now,
      })
      .run();
    expect(row('late-1')?.name).toBe('Late');
  });

  it('never keeps what a transaction wrote and then rolled back', async () => {
    const { db, row } = await setup();
    expect(row('sales-1')?.status).toBe('stopped');
    expect(() =>
      transaction(db, () => {
        db.update(accounts).set({ status: 'connected' }).where(eq(accounts.id, 'sales-1')).run();
        expect(row('sales-1')?.status).toBe('connected');
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(row('sales-1')?.status).toBe('stopped');
  });

  it('hands out rows no caller can change for the others', async () => {
    const { row } = await setup();
    const first = row('sales-1')!;
    expect(() => Object.assign(first, { ownerId: 'someone-else' })).toThrow(TypeError);
    expect(row('sales-1')?.ownerId).not.toBe('someone-else');
  });
});
