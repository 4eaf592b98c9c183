import { accounts, type Db, openDatabase } from '@switchboard/db';
import type { UserRole } from '@switchboard/validators';
import type { Actor } from '../access.ts';
import { newId } from '../ids.ts';
import type { AuthChange } from './identity.ts';
import type { PasswordHashOptions } from './passwords.ts';
import { UserService } from './users.ts';

/** Argon2's minimum cost: the tests exercise logic, not hash strength, and must stay fast. */
export const FAST_HASH: PasswordHashOptions = { memoryCost: 8, timeCost: 1, parallelism: 1 };

export const PASSWORD = 'correct horse battery';

/** A fresh database and its users; `onChange` hears of changed and deleted users. */
export function freshUsers(onChange?: (change: AuthChange) => void): { db: Db; users: UserService } {
  const db = openDatabase(':memory:');
  return { db, users: new UserService(db, { hashOptions: FAST_HASH, ...(onChange && { onChange }) }) };
}

/** Runs setup and returns the admin as an Actor. */
export async function seedAdmin(users: UserService, email = 'admin@example.com'): Promise<Actor> {
  const admin = await users.setupFirstAdmin({ email, name: 'Ada Admin', password: PASSWORD });
  return { id: admin.id, role: admin.role };
}

export async function addUser(users: UserService, by: Actor, email: string, role: UserRole): Promise<Actor> {
  const user = await users.create(by, {
    email,
    name: email.split('@')[0] ?? email,
    password: PASSWORD,
    role,
  });
  return { id: user.id, role: user.role };
}

/** Inserted directly: the sessions service is someone else's module, only the foreign key matters here. */
export function insertAccount(db: Db, ownerId: string): void {
  const now = Date.now();
  db.insert(accounts)
    .values({ id: newId(), name: 'Sales', engine: 'sandbox', ownerId, updatedAt: now, statusChangedAt: now })
    .run();
}
