import { accounts, contacts } from '@switchboard/db';
import { coded } from '@switchboard/validators';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, freshUsers, seedAdmin } from './auth/test-support.ts';
import { direct } from './prepared.ts';

const p = sql.placeholder;

describe('statements run directly', () => {
  it('bind and decode as drizzle does: JSON, booleans, nulls, encoded placeholders', async () => {
    const { db, users } = freshUsers();
    const owner = await addUser(users, await seedAdmin(users), 'olga@example.com', 'operator');
    const now = Date.now();
    db.insert(accounts)
      .values({
        id: 'sales-1',
        name: 'Sales',
        engine: 'sandbox',
        ownerId: owner.id,
        autoStart: true,
        statusReasonCoded: coded('session.start_timeout', { seconds: 30 }),
        updatedAt: now,
        statusChangedAt: now,
      })
      .run();
    const byId = db
      .select()
      .from(accounts)
      .where(eq(accounts.id, p('id')))
      .prepare();
    const row = direct<typeof accounts.$inferSelect>(byId).get({ id: 'sales-1' });
    expect(row).toEqual(byId.get({ id: 'sales-1' }));
    expect(row).toMatchObject({
      autoStart: true,
      statusReasonCoded: { reason: 'session.start_timeout' },
      phone: null,
    });
    expect(direct(byId).get({ id: 'missing' })).toBeUndefined();

    // An insert whose placeholders go through the columns' encoders (a boolean), returning its row.
    const insert = db
      .insert(contacts)
      .values({
        id: p('id'),
        accountId: p('accountId'),
        phone: p('phone'),
        nameEdited: p('nameEdited'),
        createdAt: p('now'),
        updatedAt: p('now'),
      })
      .returning()
      .prepare();
    const contact = direct<typeof contacts.$inferSelect>(insert).get({
      id: 'c1',
      accountId: 'sales-1',
      phone: '4915123456789',
      nameEdited: true,
      now,
    });
    const stored = db.select().from(contacts).where(eq(contacts.id, 'c1')).get();
    expect(contact).toEqual(stored);
    expect(stored?.nameEdited).toBe(true);
    const all = db
      .select()
      .from(contacts)
      .where(eq(contacts.accountId, p('accountId')))
      .prepare();
    expect(direct(all).all({ accountId: 'sales-1' })).toEqual(all.all({ accountId: 'sales-1' }));
  });

  it('leaves a statement that is not a plain row of one table to drizzle', async () => {
    const { db } = freshUsers();
    const counted = db.select({ n: sql<number>`count(*)` }).from(accounts).prepare();
    expect(direct(counted).get({})).toEqual({ n: 0 });
  });
});
