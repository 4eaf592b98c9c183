import type { Account, Db } from '@switchboard/db';
import type { ResourceUsage, ShownQr } from '@switchboard/engines/contract';
import {
  type Coded,
  type EngineName,
  maskProxyUrl,
  SESSION_STATUSES,
  type SessionStatus,
} from '@switchboard/validators';
import type { Access, Actor } from '../access.ts';
import { AppError } from '../errors.ts';
import type { SessionEvent } from '../events.ts';
import type { SessionLimit } from '../views.ts';
import { limitOf } from './limit.ts';
import { ownerOf, querySessions, type SessionOwner, type SessionQuery } from './list-query.ts';
import type { Runtimes } from './runtimes.ts';

export interface SessionView {
  id: string;
  name: string;
  engine: EngineName;
  ownerId: string;
  /** Who owns it, for admins (null for everyone else: they see their own). */
  owner: SessionOwner | null;
  status: SessionStatus;
  statusReason: string | null;
  /** The status reason as a code with its values, for the dashboard to say in the operator's language. */
  statusReasonCoded: Coded | null;
  phone: string | null;
  pushName: string | null;
  autoStart: boolean;
  /** The proxy a WhatsApp Web session goes through, its password masked. */
  proxy: string | null;
  /** The QR code currently shown, while status is `qr` (`last: true` when linking stops as it expires). */
  qr: ShownQr | null;
  /** When the next reconnect or retry is due, while one is scheduled. */
  nextRetryAt: number | null;
  /** The engine's latest resource sample (e.g. its browser's memory), for engines that report one. */
  resources: (ResourceUsage & { sampledAt: number }) | null;
  /** WhatsApp's reach-out limit on the account, while it holds: no new chats, replies still go out. */
  limited: SessionLimit | null;
  createdAt: number;
  updatedAt: number;
  statusChangedAt: number;
  lastConnectedAt: number | null;
}

/** Sessions as the actor may see them: the stored row joined with what only memory knows (QR, retries). */
export class SessionViews {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly runtimes: Runtimes,
  ) {}

  list(actor: Actor, query: SessionQuery = {}): SessionView[] {
    return querySessions(this.db, this.access, actor, query).rows.map(({ row, owner }) =>
      this.view(row, owner),
    );
  }

  /** One page of `list`, with how many sessions match in all. */
  page(
    actor: Actor,
    query: SessionQuery,
    page: { limit: number; offset: number },
  ): { items: SessionView[]; total: number; nextOffset: number | null } {
    const { rows, total } = querySessions(this.db, this.access, actor, query, page);
    const end = page.offset + rows.length;
    return {
      items: rows.map(({ row, owner }) => this.view(row, owner)),
      total,
      nextOffset: end < total ? end : null,
    };
  }

  get(actor: Actor, id: string): SessionView {
    return this.of(actor, this.access.account(actor, id, 'sessions:read'));
  }

  /** A row the actor may see, as they see it. */
  of(actor: Actor, row: Account): SessionView {
    return this.view(row, ownerOf(this.db, actor, row));
  }

  /** The QR code on display; PRECONDITION_FAILED while the session shows none (starting, linked, stopped). */
  qr(actor: Actor, id: string): NonNullable<SessionView['qr']> {
    const session = this.get(actor, id);
    if (!session.qr)
      throw new AppError(
        'PRECONDITION_FAILED',
        `Session ${id} shows no QR code (status: ${session.status})${session.status === 'connected' ? ': it is linked already' : ''}`,
      );
    return session.qr;
  }

  /**
   * The current state as events — a status for every visible session and the QR on display — for a new
   * subscriber. They carry `eventId` (the bus's newest) so a later resume continues from here.
   */
  snapshot(actor: Actor, eventId: string): SessionEvent[] {
    const events: SessionEvent[] = [];
    for (const s of this.list(actor)) {
      const base = { id: eventId, sessionId: s.id, ownerId: s.ownerId, at: s.statusChangedAt };
      events.push({
        ...base,
        type: 'status',
        status: s.status,
        reason: s.statusReason,
        reasonCoded: s.statusReasonCoded,
        phone: s.phone,
        pushName: s.pushName,
        lastConnectedAt: s.lastConnectedAt,
        nextRetryAt: s.nextRetryAt,
        limited: s.limited,
      });
      if (s.qr) events.push({ ...base, type: 'qr', ...s.qr });
    }
    return events;
  }

  /** Status counts for the sessions the actor may see. */
  stats(actor: Actor): { total: number; byStatus: Record<SessionStatus, number> } {
    const byStatus = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>;
    const list = this.list(actor);
    for (const s of list) byStatus[s.status] += 1;
    return { total: list.length, byStatus };
  }

  view(row: Account, owner: SessionOwner | null): SessionView {
    const rt = this.runtimes.get(row.id);
    return {
      id: row.id,
      name: row.name,
      engine: row.engine,
      ownerId: row.ownerId,
      owner,
      status: row.status,
      statusReason: row.statusReason,
      statusReasonCoded: row.statusReasonCoded,
      phone: row.phone,
      pushName: row.pushName,
      autoStart: row.autoStart,
      proxy: row.proxy && maskProxyUrl(row.proxy),
      qr: row.status === 'qr' && rt?.qr ? rt.qr : null,
      nextRetryAt: rt?.nextRetryAt ?? null,
      resources: rt?.resources ?? null,
      limited: limitOf(row),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      statusChangedAt: row.statusChangedAt,
      lastConnectedAt: row.lastConnectedAt,
    };
  }
}
