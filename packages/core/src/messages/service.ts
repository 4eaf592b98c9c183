import { type Account, type Db, type Message, messages } from '@switchboard/db';
import type { InboundMessage } from '@switchboard/engines/contract';
import { coded, type MessageLocation, type MessageType } from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import { type Access, type Actor, requireScope } from '../access.ts';
import type { ReachOutLimits } from '../campaigns/limits.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { GroupCommit } from '../group-commit.ts';
import { newId } from '../ids.ts';
import type { InboxService } from '../inbox/service.ts';
import type { Logger } from '../logger.ts';
import type { MediaService, MessageFile } from '../media/service.ts';
import { type MessageView, toMessageView } from '../message-view.ts';
import type { WebhookOutbox } from '../outbox/outbox.ts';
import { type MessagePage, pageMessages } from '../paging.ts';
import { normaliseRecipient } from '../phone.ts';
import type { PoolService } from '../pools/service.ts';
import { transaction } from '../prepared.ts';
import { SerialQueue } from '../serial-queue.ts';
import type { EngineTraffic } from '../sessions/engine-runner.ts';
import type { SessionManager } from '../sessions/manager.ts';
import type { WriteRetry } from '../write-retry.ts';
import { compose, type SendInput } from './compose.ts';
import { Handoff, type SendResult } from './handoff.ts';
import { type IdempotentSend, SendIdempotency, sendFingerprint } from './idempotency.ts';
import { insertInbound } from './inbound-row.ts';
import { Receipts } from './receipts.ts';
import { sendFile } from './send-file.ts';
import { Senders } from './sender.ts';
import { messageStatements } from './statements.ts';

export interface MessageServiceConfig {
  maxTextLength: number;
  sendTimeoutMs: number;
}

export type { SendResult } from './handoff.ts';

/** What a stored send carries: its type and text, and its file or place when it has one. */
export interface Outgoing {
  type: MessageType;
  body: string;
  file?: MessageFile | null;
  location?: MessageLocation | null;
}

/**
 * Sending and storing messages. A send is stored first (`queued`), then handed to a per-session queue so
 * concurrent sends never race inside an engine; the row follows the message through sent → delivered →
 * read, or failed with the reason, or `unknown` when it may have reached WhatsApp — never sent twice.
 * Sends that arrive in the same tick are stored in one commit, each answered once it has committed (see
 * `GroupCommit`). Received messages are stored one at a time per session, in the order they came, each
 * after its file (if any) was downloaded.
 */
export class MessageService {
  readonly #queue = new SerialQueue();
  readonly #inbound = new SerialQueue();
  /** What WhatsApp reported happened whether or not the database took it at once: retried, never dropped. */
  readonly #writes: WriteRetry;
  readonly #receipts: Receipts;
  readonly #handoff: Handoff;
  readonly #commits: GroupCommit;
  /** Sends whose callers have not heard how they ended yet. */
  readonly #results = new Set<Promise<SendResult>>();
  readonly #statements: ReturnType<typeof messageStatements>;
  readonly senders: Senders;
  readonly idempotency: SendIdempotency;

  constructor(
    private readonly deps: {
      db: Db;
      sessions: SessionManager;
      access: Access;
      bus: EventBus;
      /** Conversations and webhook deliveries are written in the same transaction as each message change. */
      inbox: InboxService;
      media: MediaService;
      outbox: WebhookOutbox;
      /** What engines report is written through it, so a database that refuses writes delays it, not loses it. */
      writes: WriteRetry;
      /** Picks the account of a pool that a send naming the pool goes out from. */
      pools: PoolService;
      /** Told when WhatsApp refuses a send for the reach-out limit, so campaigns and pools hold off. */
      limits: ReachOutLimits;
      config: MessageServiceConfig;
      log: Logger;
    },
  ) {
    this.#writes = deps.writes;
    this.senders = new Senders(deps.db, deps.access);
    this.idempotency = new SendIdempotency(deps.db);
    this.#statements = messageStatements(deps.db);
    this.#commits = new GroupCommit(deps.db);
    this.#receipts = new Receipts({
      db: deps.db,
      commits: this.#commits,
      writes: deps.writes,
      outbox: deps.outbox,
      links: deps.media.links,
      publish: (ownerId, row) => this.#publish(ownerId, row),
    });
    this.#handoff = new Handoff({
      db: deps.db,
      sessions: deps.sessions,
      media: deps.media,
      receipts: this.#receipts,
      limits: deps.limits,
      sendTimeoutMs: deps.config.sendTimeoutMs,
      log: deps.log,
    });
    deps.sessions.traffic.on((traffic) => this.#onTraffic(traffic));
  }

  /** Messages left `queued` by a server that stopped mid-send are marked failed, never silently dropped. */
  failInterrupted(): number {
    const result = this.deps.db
      .update(messages)
      .set({
        status: 'failed',
        error: 'Not sent: the server stopped before sending it',
        errorCoded: coded('message.server_stopped'),
        updatedAt: Date.now(),
      })
      .where(eq(messages.status, 'queued'))
      .run();
    return result.changes;
  }

  /**
   * Stores a message as `queued` and queues it for its session: from the account named (see `Senders`), or
   * from the account of a pool picked for this recipient. Everything is checked before anything is stored:
   * the sender, the content (see `compose`), the recipient, the session and the file (see `sendFile`). A
   * repeated idempotency key answers with the first send's message before the session is checked, an
   * account of a pool picked or a URL fetched.
   */
  async send(actor: Actor, input: SendInput): Promise<MessageView> {
    if (input.poolId && (input.sessionId || input.from))
      throw new AppError('BAD_REQUEST', 'Name either the session to send from or a pool, not both');
    const named = input.poolId ? null : this.senders.resolve(actor, input);
    const content = compose(input, this.deps.config.maxTextLength);
    const to = normaliseRecipient(input.to);
    const sender = named ? named.id : `pool:${input.poolId}`;
    const once: IdempotentSend | null = input.idempotencyKey
      ? { userId: actor.id, key: input.idempotencyKey, fingerprint: sendFingerprint(sender, to, content) }
      : null;
    // Before the status check: a repeated send gets the first one's answer even if the session went away since.
    const earlier = once && this.idempotency.earlier(once);
    if (earlier) return toMessageView(earlier);
    // Read fresh with the access check: the named account just now, a pool's pick here, and again after a fetch.
    const fresh = (id: string) => this.deps.access.account(actor, id, 'messages:send');
    const session = named ?? fresh(this.deps.pools.pickForSend(actor, input.poolId!, to).id);
    requireConnected(session);
    const file = await sendFile(this.deps.media, actor, session.id, content);
    // Fetching took a while: the session may have gone meanwhile.
    if (file) requireConnected(fresh(session.id));
    const { message, result } = await this.#store(
      session,
      to,
      {
        type: content.type,
        body: content.body,
        file,
        location: 'location' in content ? content.location : null,
      },
      once ? (message) => this.idempotency.record(once, message.id) : undefined,
    ).catch((error: unknown) => {
      // Deleted before the tick's commit: then it is answered as missing, like any account gone.
      fresh(session.id);
      throw error;
    });
    if (input.poolId)
      void result.then((r) => {
        if (r.outcome !== 'failed') this.deps.pools.remember(input.poolId!, to, session.id);
      });
    return toMessageView(message);
  }

  /**
   * Stores a send from an account the caller has already checked, and queues it behind the account's other
   * sends. `link` runs inside the transaction that stores the message, so whatever the caller records about
   * it (a campaign recipient's message id) commits with it. `result` says how the send ended.
   */
  queue(
    session: Pick<Account, 'id' | 'ownerId'>,
    to: string,
    content: Outgoing,
    link?: (message: Message) => void,
  ): { message: Message; result: Promise<SendResult> } {
    const row = transaction(this.deps.db, () => this.#insert(session, to, content, link));
    return { message: row, result: this.#queued(session, row) };
  }

  /** `queue`, stored in the tick's group commit: the row once it has committed. */
  async #store(
    session: Pick<Account, 'id' | 'ownerId'>,
    to: string,
    content: Outgoing,
    link?: (message: Message) => void,
  ): Promise<{ message: Message; result: Promise<SendResult> }> {
    let result: Promise<SendResult> | undefined;
    const row = await this.#commits.write(
      () => this.#insert(session, to, content, link),
      // Right after the commit, in the order the sends came: that is the order the session sends them in.
      (stored) => {
        result = this.#queued(session, stored);
      },
    );
    return { message: row, result: result! };
  }

  /** Stores a send as `queued` with its conversation, inside the caller's transaction. */
  #insert(
    session: Pick<Account, 'id' | 'ownerId'>,
    to: string,
    content: Outgoing,
    link?: (message: Message) => void,
  ): Message & { conversationId: string } {
    const now = Date.now();
    const message = {
      id: newId(),
      accountId: session.id,
      direction: 'out' as const,
      type: content.type,
      peer: to,
      body: content.body,
      status: 'queued' as const,
      media: content.file?.info ?? null,
      mediaId: content.file?.mediaId ?? null,
      location: content.location ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const stored = this.#statements.insertSent({
      ...message,
      conversationId: this.deps.inbox.attach(message).id,
    });
    link?.(stored);
    return stored as Message & { conversationId: string };
  }

  /** A stored send is told, then queued behind the session's other sends; resolves with how it ended. */
  #queued(session: Pick<Account, 'id' | 'ownerId'>, row: Message & { conversationId: string }) {
    this.#publish(session.ownerId, row);
    this.deps.inbox.publish(row.conversationId);
    // The session's next send goes on as soon as this one is handed over; the caller hears once it is written.
    const result = this.#queue
      .run(session.id, () => this.#handoff.deliver(session.ownerId, row))
      .then(async ({ result, written }) => {
        await written;
        return result;
      });
    this.#results.add(result);
    const done = () => this.#results.delete(result);
    void result.then(done, done);
    return result;
  }

  /** One message, if the actor may read its account's messages; NOT_FOUND otherwise, like a missing one. */
  get(actor: Actor, id: string): MessageView {
    requireScope(actor, 'messages:read');
    const row = this.#statements.byId(id);
    if (!row || !this.deps.access.visible(actor, row.accountId, 'messages:read'))
      throw new AppError('NOT_FOUND', `Message ${id} not found`);
    return toMessageView(row);
  }

  list(actor: Actor, input: { sessionId: string; limit: number; cursor?: string | null }): MessagePage {
    this.deps.access.account(actor, input.sessionId, 'messages:read');
    return pageMessages(
      this.deps.db,
      eq(messages.accountId, input.sessionId),
      input,
      (anchor) => anchor.accountId === input.sessionId,
    );
  }

  /**
   * Resolves once every queued send has been attempted, every received message stored, and what waits for
   * the database tried once more (shutdown, tests).
   */
  async drain(): Promise<void> {
    this.#commits.flush();
    await Promise.all([this.#queue.drain(), this.#inbound.drain()]);
    this.#receipts.flush();
    this.#writes.flush();
    // Outcomes are written now: their callers (a pool remembering its pick, campaigns) hear of them first.
    await Promise.allSettled([...this.#results]);
  }

  /** Receipts are written per tick (see `Receipts`); received messages one at a time per session. */
  #onTraffic({ sessionId, ownerId, event }: EngineTraffic): void {
    if (event.type === 'ack') {
      const { externalId, ack, error, reason } = event;
      this.#receipts.add({ ownerId, sessionId, externalId, ack, error, reason });
      return;
    }
    this.#writes.run(`message for ${sessionId}`, () => {
      void this.#inbound
        .run(sessionId, () => this.#receive(ownerId, sessionId, event.message))
        .catch((error: unknown) =>
          this.deps.log.error('could not store a received message', { session: sessionId, error }),
        );
    });
  }

  /** A received message: its file downloaded first (if any), then stored like anything WhatsApp reported. */
  async #receive(ownerId: string, sessionId: string, message: InboundMessage): Promise<void> {
    // The same message reported twice is stored (and reported) once, and its file not fetched again.
    const known = this.#statements.byExternalId(sessionId, message.externalId);
    if (known) return;
    const file = message.media ? await this.deps.media.receive(sessionId, message.media) : null;
    this.#writes.run(`message ${message.externalId} for ${sessionId}`, () =>
      this.#storeInbound(ownerId, sessionId, message, file),
    );
  }

  #storeInbound(ownerId: string, sessionId: string, message: InboundMessage, file: MessageFile | null): void {
    const { db, inbox, outbox, media } = this.deps;
    const row = insertInbound({ db, inbox, outbox, links: media.links }, sessionId, message, file);
    if (!row) {
      if (file?.mediaId) media.release(file.mediaId);
      return;
    }
    this.#publish(ownerId, row);
    inbox.publish(row.conversationId);
  }

  #publish(ownerId: string, row: Message): void {
    this.deps.bus.publishMessage({
      type: 'message',
      sessionId: row.accountId,
      ownerId,
      message: toMessageView(row),
    });
  }
}

/** A send goes out only from a connected account: PRECONDITION_FAILED, naming its status, otherwise. */
function requireConnected(account: Account): void {
  if (account.status !== 'connected')
    throw new AppError(
      'PRECONDITION_FAILED',
      `Session ${account.id} is not connected (status: ${account.status})`,
      {
        reason: 'session.not_connected',
        params: { id: account.id, status: account.status },
      },
    );
}
