import { randomBytes } from 'node:crypto';
import { accounts, conversations, type Db, loginSessions, users } from '@switchboard/db';
import { isLocale, LOCALES, type Locale, type UserRole } from '@switchboard/validators';
import { asc, count, eq } from 'drizzle-orm';
import { type Actor, isAdmin } from '../access.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { AuthChange } from './identity.ts';
import {
  assertValidPassword,
  DEFAULT_PASSWORD_HASH_OPTIONS,
  hashPassword,
  type PasswordHashOptions,
  verifyPassword,
} from './passwords.ts';
import { type PublicUser, publicUserColumns } from './public-user.ts';
import { assertValidRole, canonicalEmail, normalizeEmail, normalizeName } from './validation.ts';

export interface SetupInput {
  email: string;
  name: string;
  password: string;
}

export interface CreateUserInput extends SetupInput {
  role: UserRole;
}

export interface UpdateUserInput {
  name?: string;
  role?: UserRole;
  password?: string;
}

export interface UserServiceOptions {
  /** Only tests should lower these: production uses the OWASP defaults. */
  hashOptions?: PasswordHashOptions;
  /** Told after a user changes or goes, so caches of who may do what forget them at once. */
  onChange?: (change: AuthChange) => void;
}

/** Both the database and a transaction handle: helpers below run inside either. */
type Queryable = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** Writers take the write lock up front so check-then-write sequences cannot interleave across connections. */
const IMMEDIATE = { behavior: 'immediate' } as const;

const DEFAULT_ADMIN_NAME = 'Admin';

export class UserService {
  private readonly hashOptions: PasswordHashOptions;
  private readonly onChange: (change: AuthChange) => void;
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    options: UserServiceOptions = {},
  ) {
    this.hashOptions = options.hashOptions ?? DEFAULT_PASSWORD_HASH_OPTIONS;
    this.onChange = options.onChange ?? (() => {});
  }

  count(): number {
    return countUsers(this.db);
  }

  /** The first-run form: creates the first user as admin, and refuses once anyone exists. */
  async setupFirstAdmin(input: SetupInput): Promise<PublicUser> {
    const user = await this.createFirstAdmin(input);
    if (!user) throw new AppError('FORBIDDEN', 'Setup is already done: sign in instead');
    return user;
  }

  /**
   * Boot-time provisioning from ADMIN_EMAIL / ADMIN_PASSWORD. Only acts on an empty database, so changing
   * the variables later never overwrites a password someone set in the UI. Returns whether it created.
   */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    return (await this.createFirstAdmin({ email, name: DEFAULT_ADMIN_NAME, password })) !== null;
  }

  list(actor: Actor): PublicUser[] {
    assertAdmin(actor);
    return this.db
      .select(publicUserColumns)
      .from(users)
      .orderBy(asc(users.createdAt), asc(users.email))
      .all();
  }

  async create(actor: Actor, input: CreateUserInput): Promise<PublicUser> {
    assertAdmin(actor);
    const email = normalizeEmail(input.email);
    const name = normalizeName(input.name);
    assertValidRole(input.role);
    assertValidPassword(input.password);
    // Checked before hashing too, so an obvious duplicate does not cost a hash.
    assertEmailFree(this.db, email);
    const passwordHash = await hashPassword(input.password, this.hashOptions);
    return this.db.transaction((tx) => {
      assertEmailFree(tx, email);
      return insertUser(tx, { email, name, role: input.role, passwordHash });
    }, IMMEDIATE);
  }

  /** A new password signs the user out everywhere: whoever knew the old one loses their cookie too. */
  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<PublicUser> {
    assertAdmin(actor);
    const name = input.name === undefined ? undefined : normalizeName(input.name);
    if (input.role !== undefined) assertValidRole(input.role);
    if (input.password !== undefined) assertValidPassword(input.password);
    requireUser(this.db, id);
    const passwordHash =
      input.password === undefined ? undefined : await hashPassword(input.password, this.hashOptions);

    const updated = this.db.transaction((tx) => {
      const current = requireUser(tx, id);
      if (current.role === 'admin' && input.role === 'operator' && countAdmins(tx) <= 1) {
        throw new AppError(
          'PRECONDITION_FAILED',
          'Cannot demote the last admin: nobody could manage users any more. Make another user an admin first',
        );
      }
      tx.update(users)
        .set({
          ...(name !== undefined && { name }),
          ...(input.role !== undefined && { role: input.role }),
          ...(passwordHash !== undefined && { passwordHash }),
          updatedAt: Date.now(),
        })
        .where(eq(users.id, id))
        .run();
      if (passwordHash !== undefined) tx.delete(loginSessions).where(eq(loginSessions.userId, id)).run();
      return requireUser(tx, id);
    }, IMMEDIATE);
    this.onChange({ userId: id });
    return updated;
  }

  /**
   * The dashboard language of the one asking: their own setting, which anyone signed in may change for
   * themselves (and nobody for anyone else). It follows them to every browser they sign in from.
   */
  setLocale(actor: Actor, locale: string): PublicUser {
    if (!isLocale(locale)) {
      throw new AppError(
        'BAD_REQUEST',
        `Switchboard does not speak "${locale}": choose one of ${LOCALES.join(', ')}`,
        { reason: 'locale.unsupported', params: { locale, supported: LOCALES.join(', ') } },
      );
    }
    const chosen: Locale = locale;
    const updated = this.db.transaction((tx) => {
      requireUser(tx, actor.id);
      tx.update(users).set({ locale: chosen, updatedAt: Date.now() }).where(eq(users.id, actor.id)).run();
      return requireUser(tx, actor.id);
    }, IMMEDIATE);
    this.onChange({ userId: actor.id });
    return updated;
  }

  delete(actor: Actor, id: string): void {
    assertAdmin(actor);
    this.db.transaction((tx) => {
      const target = requireUser(tx, id);
      if (target.id === actor.id) {
        throw new AppError('PRECONDITION_FAILED', 'You cannot delete yourself: ask another admin to do it');
      }
      if (target.role === 'admin' && countAdmins(tx) <= 1) {
        throw new AppError(
          'PRECONDITION_FAILED',
          'Cannot delete the last admin: nobody could manage users any more. Make another user an admin first',
        );
      }
      const owned = tx.select({ n: count() }).from(accounts).where(eq(accounts.ownerId, id)).get()?.n ?? 0;
      if (owned > 0) {
        throw new AppError(
          'CONFLICT',
          `User ${target.email} still owns ${owned} ${owned === 1 ? 'session' : 'sessions'}: delete them first`,
        );
      }
      // Their login sessions go with them (ON DELETE CASCADE); conversations assigned to them are nobody's.
      tx.update(conversations).set({ assigneeId: null }).where(eq(conversations.assigneeId, id)).run();
      tx.delete(users).where(eq(users.id, id)).run();
    }, IMMEDIATE);
    this.onChange({ userId: id });
  }

  /**
   * The user whose email and password match, else null. An unknown email still costs one argon2 verify,
   * so response time does not reveal which emails have accounts.
   */
  async verifyCredentials(email: string, password: string): Promise<PublicUser | null> {
    const row = this.db
      .select({ ...publicUserColumns, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, canonicalEmail(email)))
      .get();
    if (!row) {
      await verifyPassword(await this.getDummyHash(), password);
      return null;
    }
    const { passwordHash, ...user } = row;
    return (await verifyPassword(passwordHash, password)) ? user : null;
  }

  private async createFirstAdmin(input: SetupInput): Promise<PublicUser | null> {
    // Cheap exit before validating or hashing: after setup, inputs are irrelevant.
    if (countUsers(this.db) > 0) return null;
    const email = normalizeEmail(input.email);
    const name = normalizeName(input.name);
    assertValidPassword(input.password);
    const passwordHash = await hashPassword(input.password, this.hashOptions);
    return this.db.transaction((tx) => {
      // Re-checked under the write lock: another request may have finished setup while we were hashing.
      if (countUsers(tx) > 0) return null;
      return insertUser(tx, { email, name, role: 'admin', passwordHash });
    }, IMMEDIATE);
  }

  /** Same parameters as real hashes, so verifying against it takes as long. Made once, on first need. */
  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.hashOptions);
    return this.dummyHash;
  }
}

function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only admins can manage users');
}

function countUsers(q: Queryable): number {
  return q.select({ n: count() }).from(users).get()?.n ?? 0;
}

function countAdmins(q: Queryable): number {
  return q.select({ n: count() }).from(users).where(eq(users.role, 'admin')).get()?.n ?? 0;
}

function requireUser(q: Queryable, id: string): PublicUser {
  const user = q.select(publicUserColumns).from(users).where(eq(users.id, id)).get();
  if (!user) throw new AppError('NOT_FOUND', `User ${id} not found`);
  return user;
}

function assertEmailFree(q: Queryable, email: string): void {
  const existing = q.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (existing) throw new AppError('CONFLICT', `A user with email ${email} already exists`);
}

function insertUser(
  q: Queryable,
  fields: { email: string; name: string; role: UserRole; passwordHash: string },
): PublicUser {
  const now = Date.now();
  // createdAt is set here rather than by the SQL default so it is a whole millisecond like updatedAt.
  return q
    .insert(users)
    .values({ id: newId(), ...fields, createdAt: now, updatedAt: now })
    .returning(publicUserColumns)
    .get();
}
