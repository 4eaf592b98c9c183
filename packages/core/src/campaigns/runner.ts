import { type Account, accounts, type Campaign, type CampaignRecipient, type Db } from '@switchboard/db';
import { plainText, renderTemplate, SELF_RESUMING_PAUSES, said } from '@switchboard/validators';
import { inArray } from 'drizzle-orm';
import { between, type Clock, type Random } from '../clock.ts';
import type { BackgroundService } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { MediaService } from '../media/service.ts';
import type { MessageService, Outgoing, SendResult } from '../messages/service.ts';
import type { PoolService } from '../pools/service.ts';
import type { SessionManager } from '../sessions/manager.ts';
import { errorMessage, withTimeout } from '../timeout.ts';
import type { OptOutService } from './opt-out.ts';
import type { PacingGate } from './pacing.ts';
import { RecipientLedger } from './recipients.ts';
import { countFailure, settleSend } from './settle.ts';
import { type Blocker, type CampaignStore, mainBlocker } from './store.ts';
import { OPTED_OUT } from './suppress.ts';
import { valuesOf } from './views.ts';

/** After a send refused because the account was not connected after all, wait this long before the next. */
const NOT_CONNECTED_BACKOFF_MS = 5_000;
/** A tick that failed (the database refused) is tried again after this long. */
const RETRY_TICK_MS = 5_000;
/** Recipients skipped without a message (opted out, not on WhatsApp) per step, before yielding. */
const SKIPS_PER_STEP = 100;

/**
 * Sends running campaigns, one message at a time per account, across all campaigns using it: it waits the
 * pacing's random gap between two messages of an account, honours sending hours and caps, and pauses a
 * campaign (saying why) when none of its accounts can send, resuming it once one can. Each recipient is
 * claimed (`sending`) in a transaction before its message is handed over; after a crash, one found `sending`
 * is never sent again by itself.
 */
export class CampaignRunner implements BackgroundService {
  readonly name = 'campaign runner';
  #active = false;
  /** The step (a send, with its checks) each account has in flight. */
  readonly #inFlight = new Map<string, Promise<void>>();
  /** When each account may send its next campaign message. */
  readonly #readyAt = new Map<string, number>();
  /** Which campaign each account served last, so campaigns sharing an account take turns. */
  readonly #lastServed = new Map<string, string>();
  /** Campaign|account pairs found with nothing to send (pool numbers stuck elsewhere) until something changes. */
  readonly #noWork = new Set<string>();
  /** The accounts of each pool campaign that could send at the last tick. */
  readonly #usable = new Map<string, string[]>();
  #wakeQueued = false;
  #cancelTimer: (() => void) | undefined;
  readonly #ledger: RecipientLedger;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      random: Random;
      store: CampaignStore;
      gate: PacingGate;
      optOut: OptOutService;
      messages: MessageService;
      /** The campaign's file, read for each message (never fetched again: it was stored when attached). */
      media: MediaService;
      sessions: SessionManager;
      pools: PoolService;
      /** How long a number lookup (when the campaign checks numbers first) may take. */
      lookupTimeoutMs: number;
      log: Logger;
    },
  ) {
    this.#ledger = new RecipientLedger(deps);
  }

  start(): void {
    const recovered = this.#ledger.recover();
    if (recovered.unknown > 0)
      this.deps.log.warn('campaign messages interrupted by the last shutdown are marked unknown', recovered);
    this.deps.store.open();
    this.#active = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.#active = false;
    this.#cancelTimer?.();
    await Promise.all(this.#inFlight.values());
    this.deps.store.close();
  }

  /** Looks at every campaign again soon (something changed: a command, an account's status, a reply). */
  wake(): void {
    this.#noWork.clear();
    this.#queueTick();
  }

  /** When the campaign's next message is due: the soonest any of its accounts may send again. */
  nextSendAt(campaign: Campaign): number | null {
    const now = this.deps.clock.now();
    const times = this.deps.store
      .accountIdsOf(campaign)
      .map((id) => Math.max(now, this.#readyAt.get(id) ?? now));
    return times.length > 0 ? Math.min(...times) : null;
  }

  /** Puts a campaign's `unknown` recipients back in line and looks again; returns how many. */
  requeueUnknown(campaignId: string): number {
    const requeued = this.#ledger.requeueUnknown(campaignId);
    this.wake();
    return requeued;
  }

  /** Resolves once no step is in flight and no look is queued (for tests driving a manual clock). */
  async idle(): Promise<void> {
    for (let settled = 0; settled < 3; ) {
      if (this.#wakeQueued || this.#inFlight.size > 0) settled = 0;
      else settled++;
      await Promise.all(this.#inFlight.values());
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  #queueTick(): void {
    if (!this.#active || this.#wakeQueued) return;
    this.#wakeQueued = true;
    setImmediate(() => {
      this.#wakeQueued = false;
      this.#tick();
    });
  }

  #tick(): void {
    if (!this.#active) return;
    const { clock, store, gate, log } = this.deps;
    const now = clock.now();
    let wakeAt: number | null = null;
    const later = (at: number | null) => {
      if (at !== null && (wakeAt === null || at < wakeAt)) wakeAt = at;
    };
    try {
      const work = new Map<string, { account: Account; campaigns: Campaign[] }>();
      for (let c of store.active()) {
        if (c.status === 'scheduled') {
          if (c.scheduledAt === null || c.scheduledAt > now) {
            later(c.scheduledAt);
            continue;
          }
          c = store.transition(c, 'running', null, { startedAt: c.startedAt ?? now });
        }
        if (c.status === 'paused' && !SELF_RESUMING_PAUSES.includes(c.pauseReason ?? 'operator')) continue;
        if (!store.has(c.id, 'pending')) {
          if (!store.has(c.id, 'sending')) store.transition(c, 'completed');
          continue;
        }
        const members = this.#accounts(store.accountIdsOf(c));
        const usable: Account[] = [];
        const blockers: Blocker[] = [];
        for (const account of members) {
          const blocker = gate.blocker(c, account);
          if (blocker) blockers.push(blocker);
          else usable.push(account);
        }
        this.#usable.set(
          c.id,
          usable.map((a) => a.id),
        );
        if (usable.length === 0) {
          const blocker = mainBlocker(blockers);
          if (c.status === 'running' || c.pauseReason !== blocker.reason)
            store.transition(c, 'paused', blocker);
          else store.repause(c, blocker);
          later(blocker.until);
          continue;
        }
        if (c.status === 'paused') c = store.transition(c, 'running');
        for (const account of usable) {
          const entry = work.get(account.id) ?? { account, campaigns: [] };
          entry.campaigns.push(c);
          work.set(account.id, entry);
        }
      }
      for (const [accountId, { account, campaigns: list }] of work) {
        if (this.#inFlight.has(accountId)) continue;
        const waiting = list.filter((c) => !this.#noWork.has(`${c.id}|${accountId}`));
        if (waiting.length === 0) continue;
        const readyAt = this.#readyAtOf(accountId, waiting[0]!);
        if (readyAt > now) {
          later(readyAt);
          continue;
        }
        this.#begin(this.#inTurn(accountId, waiting), account);
      }
    } catch (error) {
      log.error('campaign runner could not look at its campaigns; trying again shortly', { error });
      later(now + RETRY_TICK_MS);
    }
    this.#arm(wakeAt);
  }

  #arm(at: number | null): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (at === null || !this.#active) return;
    this.#cancelTimer = this.deps.clock.schedule(at - this.deps.clock.now(), () => this.#queueTick());
  }

  #readyAtOf(accountId: string, campaign: Campaign): number {
    let at = this.#readyAt.get(accountId);
    if (at === undefined) {
      // After a restart: the gap counts from the account's last campaign message, wherever it was.
      const last = this.deps.gate.lastClaimAt(accountId);
      at = last === null ? this.deps.clock.now() : last + this.deps.gate.gapMs(campaign, accountId);
      this.#readyAt.set(accountId, at);
    }
    return at;
  }

  /** The next campaign after the one the account served last. */
  #inTurn(accountId: string, list: Campaign[]): Campaign {
    const last = this.#lastServed.get(accountId);
    const at = list.findIndex((c) => c.id === last);
    const next = list[(at + 1) % list.length]!;
    this.#lastServed.set(accountId, next.id);
    return next;
  }

  #begin(campaign: Campaign, account: Account): void {
    const step = this.#step(campaign.id, account)
      .catch((error: unknown) =>
        this.deps.log.error('campaign step failed', { campaign: campaign.id, session: account.id, error }),
      )
      .finally(() => {
        this.#inFlight.delete(account.id);
        this.#queueTick();
      });
    this.#inFlight.set(account.id, step);
  }

  /** Sends the campaign's next message from the account, skipping (without a gap) those it must not send. */
  async #step(campaignId: string, account: Account): Promise<void> {
    const { store, optOut } = this.deps;
    for (let skipped = 0; skipped < SKIPS_PER_STEP && this.#active; skipped++) {
      const campaign = store.row(campaignId);
      if (campaign?.status !== 'running') return;
      const recipient = this.#ledger.pick(campaign, account, this.#usable.get(campaign.id) ?? [account.id]);
      if (!recipient) {
        this.#noWork.add(`${campaignId}|${account.id}`);
        return;
      }
      if (optOut.isSuppressed(store.accountIdsOf(campaign), recipient.phone)) {
        this.#ledger.finish(recipient, 'opted_out', OPTED_OUT);
        continue;
      }
      if (campaign.checkNumbers) {
        const onWhatsApp = await this.#onWhatsApp(account, recipient.phone);
        if (onWhatsApp === null) return;
        if (!onWhatsApp) {
          this.#ledger.finish(recipient, 'skipped', said('Not on WhatsApp', 'message.not_on_whatsapp'));
          continue;
        }
      }
      await this.#send(campaign, account, recipient);
      return;
    }
  }

  async #onWhatsApp(account: Account, phone: string): Promise<boolean | null> {
    try {
      const engine = this.deps.sessions.connectedEngine(account.id);
      const found = await withTimeout(
        () => engine.checkNumber(phone),
        this.deps.lookupTimeoutMs,
        'the number lookup timed out',
      );
      return found.onWhatsApp;
    } catch (error) {
      this.deps.log.warn('number check before a campaign message failed', {
        session: account.id,
        error: errorMessage(error),
      });
      this.#readyAt.set(account.id, this.deps.clock.now() + NOT_CONNECTED_BACKOFF_MS);
      return null;
    }
  }

  async #send(campaign: Campaign, account: Account, recipient: CampaignRecipient): Promise<void> {
    const { clock, random, messages: messageService, pools, store, log } = this.deps;
    const variant = between(random, 0, Math.max(0, campaign.variants.length - 1));
    const text = renderTemplate(campaign.variants[variant] ?? '', valuesOf(recipient));
    // A file that went with its account leaves the message without it: it fails before reaching the engine.
    const content: Outgoing = campaign.mediaType
      ? {
          type: campaign.mediaType,
          body: text,
          file: campaign.mediaId ? this.deps.media.stored(campaign.mediaId) : null,
        }
      : { type: 'text', body: text };
    const newContact = this.deps.gate.isNewContact(account.id, recipient.phone);
    const claimed = this.#ledger.claim(recipient, { accountId: account.id, variant, newContact }, () => {
      if (campaign.poolId) pools.remember(campaign.poolId, recipient.phone, account.id);
    });
    if (!claimed) return;
    this.#lastServed.set(account.id, campaign.id);
    store.progress(campaign.id);
    let result: SendResult;
    try {
      const queued = messageService.queue(account, recipient.phone, content, (message) =>
        this.#ledger.linkMessage(recipient.id, message.id),
      );
      result = await queued.result;
    } catch (error) {
      // The message could not even be stored: nothing reached the engine, so the recipient waits again.
      log.error('could not queue a campaign message', { campaign: campaign.id, error });
      this.#ledger.release(recipient.id, plainText(errorMessage(error)));
      this.#readyAt.set(account.id, clock.now() + NOT_CONNECTED_BACKOFF_MS);
      return;
    }
    this.#settle(campaign, account, recipient, result);
  }

  /** Records how a send ended and when the account may send again; a failure streak pauses the campaign. */
  #settle(campaign: Campaign, account: Account, recipient: CampaignRecipient, result: SendResult): void {
    const { clock, gate, store } = this.deps;
    const now = clock.now();
    const gap = gate.gapMs(campaign, account.id);
    const end = settleSend(this.deps, this.#ledger, campaign, recipient, result);
    this.#readyAt.set(account.id, now + (end === 'later' ? NOT_CONNECTED_BACKOFF_MS : gap));
    this.#noWork.clear();
    store.progress(campaign.id);
    if (end === 'failed') countFailure(this.deps, campaign.id, result);
  }

  #accounts(ids: string[]): Account[] {
    if (ids.length === 0) return [];
    const rows = this.deps.db.select().from(accounts).where(inArray(accounts.id, ids)).all();
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is Account => r !== undefined);
  }
}
