import { type Campaign, campaignRecipients, contacts, contactTags, type Db } from '@switchboard/db';
import { parseCsv, parsePhone, type Said, said, variableKey } from '@switchboard/validators';
import { and, count, countDistinct, eq, inArray } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import { checkPhone } from '../phone.ts';
import { type ImportProblem, MAX_LISTED_PROBLEMS, type OptOutService } from './opt-out.ts';
import { OPTED_OUT } from './suppress.ts';

/** Where recipients come from: the inbox's contacts (by tags), a CSV file, or numbers pasted in. */
export type AudienceSource =
  | { type: 'contacts'; tags: string[]; match: 'any' | 'all' }
  | { type: 'csv'; csv: string; phoneColumn: string; nameColumn?: string | null }
  | { type: 'numbers'; text: string };

/** What an import did; every row not added is counted, and the first few unreadable ones say why. */
export interface ImportReport {
  added: number;
  /** Already in the audience, or twice in what was imported. */
  duplicates: number;
  /** On an opt-out list of the campaign's accounts: kept as `opted_out`, never messaged. */
  optedOut: number;
  invalid: number;
  problems: ImportProblem[];
  /** Recipients of the campaign now. */
  total: number;
}

interface Candidate {
  phone: string;
  name: string | null;
  variables: Record<string, string>;
}

const CHUNK = 500;

/** Adds recipients to a draft campaign, de-duplicated by normalised number. */
export class AudienceImporter {
  constructor(private readonly deps: { db: Db; optOut: OptOutService; maxRecipients: number }) {}

  import(campaign: Campaign, accountIds: string[], source: AudienceSource): ImportReport {
    const problems: ImportProblem[] = [];
    let invalid = 0;
    const problem = (line: number | null, value: string, why: Said) => {
      invalid++;
      if (problems.length < MAX_LISTED_PROBLEMS)
        problems.push({ line, value, reason: why.text, reasonCoded: why.coded });
    };
    const candidates =
      source.type === 'csv'
        ? fromCsv(source, problem)
        : source.type === 'numbers'
          ? fromText(source.text, problem)
          : this.#fromContacts(accountIds, source.tags, source.match);
    const unique = new Map<string, Candidate>();
    for (const c of candidates) if (!unique.has(c.phone)) unique.set(c.phone, c);
    const before = this.#total(campaign.id);
    if (before + unique.size > this.deps.maxRecipients)
      throw new AppError(
        'BAD_REQUEST',
        `A campaign has at most ${this.deps.maxRecipients} recipients (CAMPAIGN_MAX_RECIPIENTS); this one has ${before} and the import adds up to ${unique.size}`,
      );
    const suppressed = this.deps.optOut.suppressedAmong(accountIds, [...unique.keys()]);
    const now = Date.now();
    let added = 0;
    const rows = [...unique.values()];
    const optedOutBefore = this.#count(campaign.id, 'opted_out');
    this.deps.db.transaction(() => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        added += this.deps.db
          .insert(campaignRecipients)
          .values(
            rows.slice(i, i + CHUNK).map((r) => {
              const out = suppressed.has(r.phone);
              return {
                campaignId: campaign.id,
                phone: r.phone,
                name: r.name,
                variables: r.variables,
                state: out ? ('opted_out' as const) : ('pending' as const),
                error: out ? OPTED_OUT.text : null,
                errorCoded: out ? OPTED_OUT.coded : null,
                updatedAt: now,
              };
            }),
          )
          .onConflictDoNothing()
          .run().changes;
      }
    });
    const optedOut = this.#count(campaign.id, 'opted_out') - optedOutBefore;
    return {
      added: added - optedOut,
      duplicates: candidates.length - added,
      optedOut,
      invalid,
      problems,
      total: before + added,
    };
  }

  #total(campaignId: string): number {
    return (
      this.deps.db
        .select({ n: count() })
        .from(campaignRecipients)
        .where(eq(campaignRecipients.campaignId, campaignId))
        .get()?.n ?? 0
    );
  }

  #count(campaignId: string, state: 'opted_out'): number {
    return (
      this.deps.db
        .select({ n: count() })
        .from(campaignRecipients)
        .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, state)))
        .get()?.n ?? 0
    );
  }

  /** Contacts of the accounts with any (or all) of the tags; every contact when no tag is named. */
  #fromContacts(accountIds: string[], tags: string[], match: 'any' | 'all'): Candidate[] {
    const { db } = this.deps;
    const ofAccounts = inArray(contacts.accountId, accountIds);
    const tagged =
      tags.length === 0
        ? undefined
        : inArray(
            contacts.id,
            db
              .select({ id: contactTags.contactId })
              .from(contactTags)
              .where(and(inArray(contactTags.accountId, accountIds), inArray(contactTags.tag, tags)))
              .groupBy(contactTags.contactId)
              .having(match === 'all' ? eq(countDistinct(contactTags.tag), tags.length) : undefined),
          );
    return db
      .select()
      .from(contacts)
      .where(and(ofAccounts, tagged))
      .orderBy(contacts.createdAt)
      .all()
      .filter((c) => parsePhone(c.phone).ok)
      .map((c): Candidate => ({ phone: c.phone, name: c.name, variables: c.name ? { name: c.name } : {} }));
  }
}

function fromCsv(
  source: Extract<AudienceSource, { type: 'csv' }>,
  problem: (line: number | null, value: string, why: Said) => void,
): Candidate[] {
  const table = parseCsv(source.csv);
  const keys = table.header.map(variableKey);
  const find = (name: string) => {
    const at = table.header.indexOf(name.trim());
    return at !== -1 ? at : keys.indexOf(variableKey(name));
  };
  const phoneAt = find(source.phoneColumn);
  if (phoneAt === -1)
    throw new AppError(
      'BAD_REQUEST',
      `The file has no column "${source.phoneColumn}" (its columns: ${table.header.join(', ') || 'none'})`,
    );
  const nameAt = source.nameColumn ? find(source.nameColumn) : keys.indexOf('name');
  if (source.nameColumn && nameAt === -1)
    throw new AppError('BAD_REQUEST', `The file has no column "${source.nameColumn}"`);
  const found: Candidate[] = [];
  for (const { line, cells } of table.rows) {
    const value = cells[phoneAt]?.trim() ?? '';
    if (!value) {
      problem(line, '', said('No phone number in this row', 'import.no_phone'));
      continue;
    }
    const checked = checkPhone(value);
    if (!('digits' in checked)) {
      problem(line, value, checked.problem);
      continue;
    }
    const phone = checked.digits;
    const variables: Record<string, string> = {};
    keys.forEach((key, i) => {
      const cell = cells[i]?.trim();
      if (i !== phoneAt && key && cell) variables[key] = cell;
    });
    const name = nameAt === -1 ? null : cells[nameAt]?.trim() || null;
    if (name) variables.name = name;
    found.push({ phone, name, variables });
  }
  return found;
}

/** Numbers one per line, or separated by commas or semicolons (spaces belong to numbers). */
function fromText(
  text: string,
  problem: (line: number | null, value: string, why: Said) => void,
): Candidate[] {
  const found: Candidate[] = [];
  for (const value of text.split(/[\r\n,;]+/).map((v) => v.trim())) {
    if (!value) continue;
    const checked = checkPhone(value);
    if ('digits' in checked) found.push({ phone: checked.digits, name: null, variables: {} });
    else problem(null, value, checked.problem);
  }
  return found;
}
