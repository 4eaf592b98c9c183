import { accounts, type Db, optOutSettings, type SuppressionSource, suppressions } from '@switchboard/db';
import {
  type Coded,
  DEFAULT_STOP_WORDS,
  guessPhoneColumn,
  isStopWord,
  MAX_STOP_WORDS,
  normaliseStopText,
  OPT_OUT_REPLY_MAX_LENGTH,
  parseCsv,
  STOP_WORD_MAX_LENGTH,
} from '@switchboard/validators';
import { and, count, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Access, Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { MessageView } from '../message-view.ts';
import type { MessageService } from '../messages/service.ts';
import { checkPhone, normalisePhone } from '../phone.ts';
import { perDatabase } from '../prepared.ts';
import { errorMessage } from '../timeout.ts';
import type { CampaignStore } from './store.ts';
import { suppressNumbers } from './suppress.ts';

/** Every incoming message reads its account's stop words: prepared once, not built per message. */
const settingsRow = perDatabase((db) =>
  db
    .select()
    .from(optOutSettings)
    .where(eq(optOutSettings.accountId, sql.placeholder('accountId')))
    .prepare(),
);

export interface OptOutSettingsView {
  sessionId: string;
  stopWords: string[];
  /** Whether these are the defaults (the account set none of its own). */
  defaultStopWords: boolean;
  /** Sent back to whoever opts out; null sends nothing. */
  confirmation: string | null;
}

export interface SuppressionView {
  phone: string;
  source: SuppressionSource;
  note: string | null;
  createdAt: number;
}

/** A value that is not a phone number, with its line in the file (null when typed) and why. */
export interface ImportProblem {
  line: number | null;
  value: string;
  reason: string;
  /** `reason` as a code with its values, for the dashboard to say in the operator's language. */
  reasonCoded: Coded;
}

/** What adding numbers did: how many were new, already there, or could not be read (the first few, with why). */
export interface SuppressionReport {
  added: number;
  already: number;
  invalid: number;
  problems: ImportProblem[];
}

export const MAX_LISTED_PROBLEMS = 100;

const MAX_NUMBERS_PER_CALL = 100_000;

/**
 * Each account's opt-out (suppression) list: numbers its campaigns never message. A reply that is a stop word
 * adds its sender, removes them from every campaign of the account still to reach them, and is answered with
 * the account's confirmation when it has one. Checked when recipients are added and again before each send.
 */
export class OptOutService {
  readonly #listed;

  constructor(
    private readonly deps: {
      db: Db;
      access: Access;
      messages: MessageService;
      store: CampaignStore;
      log: Logger;
    },
  ) {
    this.#listed = deps.db
      .select({ phone: suppressions.phone })
      .from(suppressions)
      .where(
        and(
          eq(suppressions.accountId, sql.placeholder('accountId')),
          eq(suppressions.phone, sql.placeholder('phone')),
        ),
      )
      .prepare();
  }

  settings(actor: Actor, sessionId: string): OptOutSettingsView {
    this.deps.access.account(actor, sessionId, 'campaigns:read');
    return this.#settingsOf(sessionId);
  }

  updateSettings(
    actor: Actor,
    input: { sessionId: string; stopWords: string[] | null; confirmation: string | null },
  ): OptOutSettingsView {
    this.deps.access.account(actor, input.sessionId, 'campaigns:manage');
    const words = input.stopWords === null ? null : checkedStopWords(input.stopWords);
    const confirmation = input.confirmation?.trim() || null;
    if (confirmation && confirmation.length > OPT_OUT_REPLY_MAX_LENGTH)
      throw new AppError('BAD_REQUEST', `The confirmation is at most ${OPT_OUT_REPLY_MAX_LENGTH} characters`);
    const values = { stopWords: words, confirmation, updatedAt: Date.now() };
    this.deps.db
      .insert(optOutSettings)
      .values({ accountId: input.sessionId, ...values })
      .onConflictDoUpdate({ target: optOutSettings.accountId, set: values })
      .run();
    return this.#settingsOf(input.sessionId);
  }

  list(
    actor: Actor,
    input: { sessionId: string; search?: string | null; limit: number; offset?: number },
  ): { items: SuppressionView[]; nextOffset: number | null; total: number } {
    this.deps.access.account(actor, input.sessionId, 'campaigns:read');
    const digits = input.search?.replace(/\D/g, '');
    const where = and(
      eq(suppressions.accountId, input.sessionId),
      digits ? like(suppressions.phone, `%${digits}%`) : undefined,
    );
    const offset = input.offset ?? 0;
    const rows = this.deps.db
      .select()
      .from(suppressions)
      .where(where)
      .orderBy(desc(suppressions.createdAt), suppressions.phone)
      .limit(input.limit + 1)
      .offset(offset)
      .all();
    const total = this.deps.db.select({ n: count() }).from(suppressions).where(where).get()?.n ?? 0;
    return {
      items: rows.slice(0, input.limit).map(({ phone, source, note, createdAt }) => ({
        phone,
        source,
        note,
        createdAt,
      })),
      nextOffset: rows.length > input.limit ? offset + input.limit : null,
      total,
    };
  }

  add(actor: Actor, input: { sessionId: string; phones: string[]; note?: string | null }): SuppressionReport {
    this.deps.access.account(actor, input.sessionId, 'campaigns:manage');
    return this.#addAll(
      input.sessionId,
      input.phones.map((value) => ({ line: null, value })),
      'manual',
      input.note?.trim() || null,
    );
  }

  /** Numbers from a CSV file: the column that looks like phone numbers (by its name or its values). */
  import(actor: Actor, input: { sessionId: string; csv: string }): SuppressionReport {
    this.deps.access.account(actor, input.sessionId, 'campaigns:manage');
    const table = parseCsv(input.csv);
    const column = guessPhoneColumn(table);
    // A file of bare numbers has a number for a header: it is the first of them.
    const headerIsNumber = table.header.length === 1 && /\d{6,}/.test(table.header[0] ?? '');
    const values = [
      ...(headerIsNumber ? [{ line: 1, value: table.header[0]! }] : []),
      ...table.rows.map((r) => ({ line: r.line, value: r.cells[column ?? 0] ?? '' })),
    ];
    if (column === null && !headerIsNumber && table.header.length > 1)
      throw new AppError('BAD_REQUEST', 'No column of this file looks like phone numbers: name it "phone"');
    return this.#addAll(input.sessionId, values, 'import', null);
  }

  remove(actor: Actor, input: { sessionId: string; phone: string }): void {
    this.deps.access.account(actor, input.sessionId, 'campaigns:manage');
    const phone = normalisePhone(input.phone);
    const removed = this.deps.db
      .delete(suppressions)
      .where(and(eq(suppressions.accountId, input.sessionId), eq(suppressions.phone, phone)))
      .run();
    if (removed.changes === 0)
      throw new AppError('NOT_FOUND', `+${phone} is not on the opt-out list of ${input.sessionId}`);
  }

  /** Which of `phones` any of `accountIds` may not message. */
  suppressedAmong(accountIds: string[], phones: string[]): Set<string> {
    const found = new Set<string>();
    if (accountIds.length === 0) return found;
    for (let i = 0; i < phones.length; i += 500) {
      const rows = this.deps.db
        .select({ phone: suppressions.phone })
        .from(suppressions)
        .where(
          and(
            inArray(suppressions.accountId, accountIds),
            inArray(suppressions.phone, phones.slice(i, i + 500)),
          ),
        )
        .all();
      for (const r of rows) found.add(r.phone);
    }
    return found;
  }

  isSuppressed(accountIds: string[], phone: string): boolean {
    return accountIds.some((accountId) => this.#listed.get({ accountId, phone }) !== undefined);
  }

  /** An incoming message: a stop word opts its sender out of the account's campaigns. */
  onInbound(message: MessageView): void {
    if (message.direction !== 'in' || message.groupId) return;
    if (!isStopWord(message.body, this.#settingsOf(message.accountId).stopWords)) return;
    const added = this.#suppress(message.accountId, [message.peer], 'stop_word', message.body.slice(0, 200));
    this.deps.log.info('opted out by reply', { session: message.accountId, phone: message.peer });
    const confirmation = this.#settingsOf(message.accountId).confirmation;
    if (added.length === 0 || !confirmation) return;
    const account = this.deps.db.select().from(accounts).where(eq(accounts.id, message.accountId)).get();
    if (!account) return;
    try {
      this.deps.messages.queue(account, message.peer, { type: 'text', body: confirmation });
    } catch (error) {
      this.deps.log.warn('could not send the opt-out confirmation', {
        session: account.id,
        error: errorMessage(error),
      });
    }
  }

  #addAll(
    accountId: string,
    values: Array<{ line: number | null; value: string }>,
    source: SuppressionSource,
    note: string | null,
  ): SuppressionReport {
    if (values.length > MAX_NUMBERS_PER_CALL)
      throw new AppError('BAD_REQUEST', `Add at most ${MAX_NUMBERS_PER_CALL} numbers at once`);
    const phones = new Set<string>();
    const problems: ImportProblem[] = [];
    let invalid = 0;
    for (const { line, value } of values) {
      if (!value.trim()) continue;
      const checked = checkPhone(value);
      if ('digits' in checked) phones.add(checked.digits);
      else {
        invalid++;
        if (problems.length < MAX_LISTED_PROBLEMS)
          problems.push({ line, value, reason: checked.problem.text, reasonCoded: checked.problem.coded });
      }
    }
    const added = this.#suppress(accountId, [...phones], source, note);
    return { added: added.length, already: phones.size - added.length, invalid, problems };
  }

  /** Adds numbers to the account's list and takes them out of its unfinished campaigns; returns those new to it. */
  #suppress(accountId: string, phones: string[], source: SuppressionSource, note: string | null): string[] {
    const { added, touched } = suppressNumbers(this.deps.db, { accountId, phones, source, note });
    for (const id of touched) this.deps.store.progress(id);
    return added;
  }

  #settingsOf(accountId: string): OptOutSettingsView {
    const row = settingsRow(this.deps.db).get({ accountId });
    return {
      sessionId: accountId,
      stopWords: row?.stopWords ?? [...DEFAULT_STOP_WORDS],
      defaultStopWords: !row?.stopWords,
      confirmation: row?.confirmation ?? null,
    };
  }
}

function checkedStopWords(words: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const word of words) {
    const key = normaliseStopText(word);
    if (key && !byKey.has(key)) byKey.set(key, word.trim());
  }
  const kept = [...byKey.values()];
  if (kept.length === 0)
    throw new AppError('BAD_REQUEST', 'Give at least one stop word, or reset to the defaults');
  if (kept.length > MAX_STOP_WORDS) throw new AppError('BAD_REQUEST', `At most ${MAX_STOP_WORDS} stop words`);
  const long = kept.find((w) => w.length > STOP_WORD_MAX_LENGTH);
  if (long)
    throw new AppError('BAD_REQUEST', `Stop words are at most ${STOP_WORD_MAX_LENGTH} characters: "${long}"`);
  return kept;
}
