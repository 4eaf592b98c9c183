import { type Account, accounts, type Db, defaultAccounts } from '@switchboard/db';
import { and, eq } from 'drizzle-orm';
import { type Access, type Actor, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';
import { normalisePhone } from '../phone.ts';

/** How a send names the account it goes from: by id, by the account's phone number, or not at all. */
export interface SenderChoice {
  sessionId?: string | null | undefined;
  /** The sending account's phone number, as the multi-session gateways' `/api/send` takes it. */
  from?: string | null | undefined;
}

/**
 * Which account a send goes from: the one named by id, the one with the given phone number, or the user's
 * default — always one the actor may send from, and NOT_FOUND for any other, like a missing one.
 */
export class Senders {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
  ) {}

  resolve(actor: Actor, choice: SenderChoice): Account {
    if (choice.sessionId && choice.from)
      throw new AppError('BAD_REQUEST', 'Name the sender once: either sessionId or from, not both');
    if (choice.sessionId) return this.access.account(actor, choice.sessionId, 'messages:send');
    if (choice.from) return this.#byPhone(actor, normalisePhone(choice.from, 'Sender'));
    const chosen = this.defaultFor(actor);
    if (!chosen)
      throw new AppError(
        'BAD_REQUEST',
        'Name the sender: give sessionId, or from (the sending account’s phone number), or choose a default session',
      );
    return this.access.account(actor, chosen, 'messages:send');
  }

  /** The session the user's sends go from when they name none, if they chose one. */
  defaultFor(actor: Actor): string | null {
    requireScope(actor, 'messages:send');
    return (
      this.db
        .select({ accountId: defaultAccounts.accountId })
        .from(defaultAccounts)
        .where(eq(defaultAccounts.userId, actor.id))
        .get()?.accountId ?? null
    );
  }

  /** Chooses (or with null, clears) the user's default session; it must be one they may send from. */
  setDefault(actor: Actor, sessionId: string | null): string | null {
    if (sessionId === null) {
      this.db.delete(defaultAccounts).where(eq(defaultAccounts.userId, actor.id)).run();
      return null;
    }
    const account = this.access.account(actor, sessionId, 'messages:send');
    this.db
      .insert(defaultAccounts)
      .values({ userId: actor.id, accountId: account.id })
      .onConflictDoUpdate({ target: defaultAccounts.userId, set: { accountId: account.id } })
      .run();
    return account.id;
  }

  /**
   * The visible account linked to this number. A phone can be linked to several sessions (WhatsApp allows
   * a few linked devices): then the connected one, and if that is not one, the caller must choose.
   */
  #byPhone(actor: Actor, phone: string): Account {
    const matches = this.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.phone, phone), this.access.accountFilter(actor, accounts.id, 'messages:send')))
      .orderBy(accounts.createdAt)
      .all();
    const connected = matches.filter((a) => a.status === 'connected');
    const only = matches.length === 1 ? matches[0] : connected.length === 1 ? connected[0] : undefined;
    if (only) return only;
    if (matches.length === 0)
      throw new AppError('NOT_FOUND', `No session you can send from has the number +${phone}`);
    throw new AppError(
      'CONFLICT',
      `Several sessions have the number +${phone} (${matches.map((a) => a.id).join(', ')}): name one with sessionId`,
    );
  }
}
