import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Db, media, mediaFiles } from '@switchboard/db';
import type { InboundMedia } from '@switchboard/engines/contract';
import type { MediaOrigin, MediaType } from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import { type Access, type Actor, isAdmin, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../logger.ts';
import { mediaPath } from '../message-view.ts';
import { capBytes } from '../outbound/byte-cap.ts';
import { fetchUrl } from '../outbound/fetch-url.ts';
import type { UrlPolicy } from '../outbound/url-policy.ts';
import { errorMessage, withTimeout } from '../timeout.ts';
import {
  cleanFilename,
  type MediaView,
  type MessageFile,
  messageFile,
  type StoredFile,
  viewOf,
} from './file-views.ts';
import { type LinkCheck, MediaLinks } from './links.ts';
import { MediaRetention, type RetentionConfig } from './retention.ts';
import { checkFits, largestLimit, type MediaLimits, notKeptForSize, tooLarge } from './rules.ts';
import { sniffFile } from './sniff.ts';
import { MediaStore, type PendingFile } from './store.ts';

/** Who may have Switchboard fetch media from private and loopback addresses (MEDIA_FETCH_PRIVATE). */
export type PrivateFetchRule = 'nobody' | 'admins' | 'everyone';

export interface MediaConfig extends RetentionConfig {
  /** Where files are stored: `DATA_DIR/media`. */
  dir: string;
  limits: MediaLimits;
  /** How long fetching a media URL, or a received file from WhatsApp, may take. */
  fetchTimeoutMs: number;
  fetchPrivate: PrivateFetchRule;
  /** How long a signed download link (in webhooks) works. */
  linkTtlMs: number;
  /** The server's address as the outside reaches it, for signed links. */
  publicUrl: () => string;
}

const newMediaId = () => `med_${randomUUID().replaceAll('-', '')}`;

export type { MediaView, MessageFile, StoredFile } from './file-views.ts';

/**
 * Media files: uploads, files fetched from URLs and files received with messages — stored once per content
 * (see MediaStore), one row per use, checked by their bytes. Reading a file needs `messages:read` on its
 * account (or a signed link); storing one for sending needs `messages:send`.
 */
export class MediaService {
  readonly store: MediaStore;
  readonly links: MediaLinks;
  readonly retention: MediaRetention;

  constructor(
    private readonly deps: { db: Db; access: Access; bus: EventBus; config: MediaConfig; log: Logger },
  ) {
    const { db, config, log } = deps;
    this.store = new MediaStore(config.dir);
    this.links = new MediaLinks(db, { ttlMs: config.linkTtlMs, publicUrl: config.publicUrl });
    this.retention = new MediaRetention(db, this.store, config, log);
    // A deleted account's rows went with it (cascade): its files go too, unless another account uses them.
    deps.bus.on('session', (event) => {
      if (event.type === 'deleted') this.retention.collectGarbage();
    });
  }

  limits(): MediaLimits {
    return this.deps.config.limits;
  }

  /**
   * Stores a file streamed in for sending from `sessionId`. The caller's right to send is checked before a
   * byte is read; the size cap (of `type`, or the largest when no type is named) while it streams; its
   * format, from the bytes, once it is complete. A refused file leaves nothing behind.
   */
  async upload(
    actor: Actor,
    input: {
      sessionId: string;
      type?: MediaType | null;
      filename?: string | null;
      body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
    },
  ): Promise<MediaView> {
    const account = this.deps.access.account(actor, input.sessionId, 'messages:send');
    const type = input.type ?? null;
    const { limits } = this.deps.config;
    const maxBytes = type ? limits[type] : largestLimit(limits);
    const body = capBytes(input.body, maxBytes, () => tooLarge(type, limits));
    return this.#accept(account.id, body, { type, filename: input.filename, origin: 'upload' });
  }

  /** Fetches a file from an http(s) URL for sending, under the outbound rules, with a deadline and a cap. */
  async fetch(
    actor: Actor,
    input: { sessionId: string; url: string; type?: MediaType | null; filename?: string | null },
  ): Promise<MediaView> {
    const account = this.deps.access.account(actor, input.sessionId, 'messages:send');
    const type = input.type ?? null;
    const { limits, fetchTimeoutMs } = this.deps.config;
    const signal = AbortSignal.timeout(fetchTimeoutMs);
    try {
      const fetched = await fetchUrl(input.url, {
        policy: this.#fetchPolicy(actor),
        what: 'Media URL',
        maxBytes: type ? limits[type] : largestLimit(limits),
        tooLarge: () => tooLarge(type, limits),
        signal,
      });
      const filename = input.filename ?? fetched.filename;
      return await this.#accept(account.id, fetched.body, { type, filename, origin: 'url' });
    } catch (error) {
      if (signal.aborted && !(error instanceof AppError))
        throw new AppError(
          'TIMEOUT',
          `The media URL did not deliver the file within ${Math.round(fetchTimeoutMs / 1000)} s (MEDIA_FETCH_TIMEOUT_MS)`,
        );
      throw error;
    }
  }

  get(actor: Actor, id: string): MediaView {
    return viewOf(this.open(actor, id));
  }

  /** A stored file of an account the actor may read; NOT_FOUND otherwise, like a missing one. */
  open(actor: Actor, id: string): StoredFile {
    requireScope(actor, 'messages:read');
    const file = this.#find(id);
    if (!file || !this.deps.access.visible(actor, file.accountId, 'messages:read'))
      throw new AppError('NOT_FOUND', `Media ${id} not found`);
    return file;
  }

  /** A stored file through a signed link: no sign-in, but the link must be genuine and current. */
  openSigned(id: string, expires: string, signature: string): { check: LinkCheck; file: StoredFile | null } {
    const check = this.links.check(id, expires, signature);
    return { check, file: check === 'valid' ? (this.#find(id) ?? null) : null };
  }

  /** An account's stored file, to be sent as `type`: refused when it is another account's or does not fit. */
  attach(accountId: string, mediaId: string, type: MediaType): MessageFile {
    return this.attachFromAny([accountId], mediaId, type);
  }

  /**
   * A stored file of one of `accountIds` (a pool's), to be sent as `type`: refused, like a missing one, when it
   * belongs to none of them, and when it does not fit the type.
   */
  attachFromAny(accountIds: readonly string[], mediaId: string, type: MediaType): MessageFile {
    const file = this.#find(mediaId);
    if (!file || !accountIds.includes(file.accountId))
      throw new AppError(
        'NOT_FOUND',
        `Media ${mediaId} not found: upload it for session ${accountIds.join(' or ')} first`,
      );
    checkFits(type, { mimetype: file.mimetype, format: null, size: file.size }, this.deps.config.limits);
    return messageFile(file);
  }

  /** A stored file as a message carries it, whichever account it belongs to; null once it is gone. */
  stored(mediaId: string): MessageFile | null {
    const file = this.#find(mediaId);
    return file ? messageFile(file) : null;
  }

  /** A stored file as the API shows it, for whoever already may see what uses it; null once it is gone. */
  view(mediaId: string): MediaView | null {
    const file = this.#find(mediaId);
    return file ? viewOf(file) : null;
  }

  /** A stored file's bytes in base64, as engines take them. */
  async readBase64(mediaId: string): Promise<string> {
    const file = this.#find(mediaId);
    if (!file) throw new AppError('NOT_FOUND', 'The file was removed before it could be sent');
    return (await readFile(file.path)).toString('base64');
  }

  /**
   * Downloads and stores a received file, within its type's cap and the fetch deadline. A file that is too
   * large, cannot be downloaded or stored is not kept: the message keeps its description and says why.
   */
  async receive(accountId: string, inbound: InboundMedia): Promise<MessageFile> {
    const { limits, fetchTimeoutMs } = this.deps.config;
    const filename = cleanFilename(inbound.filename);
    const notKept = (missing: string, size = inbound.size): MessageFile => ({
      mediaId: null,
      info: { mimetype: inbound.mimetype ?? null, size: size ?? null, filename, sha256: null, missing },
    });
    if (inbound.size !== undefined && inbound.size > limits[inbound.kind])
      return notKept(notKeptForSize(inbound.kind, inbound.size, limits));
    let data: Buffer;
    try {
      data = await withTimeout(
        () => inbound.download(),
        fetchTimeoutMs,
        `WhatsApp did not hand the file over within ${Math.round(fetchTimeoutMs / 1000)} s`,
      );
    } catch (error) {
      this.deps.log.warn('could not download a received file', {
        session: accountId,
        error: errorMessage(error),
      });
      return notKept(`Not kept: it could not be downloaded (${errorMessage(error)})`);
    }
    if (data.length > limits[inbound.kind])
      return notKept(notKeptForSize(inbound.kind, data.length, limits), data.length);
    try {
      const view = await this.#accept(accountId, [data], { type: null, filename, origin: 'received' });
      return {
        mediaId: view.id,
        info: { mimetype: view.mimetype, size: view.size, filename, sha256: view.sha256, missing: null },
      };
    } catch (error) {
      this.deps.log.error('could not store a received file', { session: accountId, error });
      return notKept(`Not kept: it could not be stored (${errorMessage(error)})`, data.length);
    }
  }

  /** Drops a row stored for a message that turned out not to be needed (e.g. a duplicate delivery). */
  release(mediaId: string): void {
    this.deps.db.delete(media).where(eq(media.id, mediaId)).run();
    this.retention.collectGarbage();
  }

  /** Writes a file, checks it by its bytes, and records it; a refused file is deleted again. */
  async #accept(
    accountId: string,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: { type: MediaType | null; filename: string | null | undefined; origin: MediaOrigin },
  ): Promise<MediaView> {
    const pending = await this.store.write(body);
    try {
      if (pending.size === 0) throw new AppError('BAD_REQUEST', 'The file is empty');
      const sniffed = await sniffFile(pending.path);
      if (options.type) checkFits(options.type, { ...sniffed, size: pending.size }, this.deps.config.limits);
      return this.#record(
        accountId,
        pending,
        sniffed.mimetype,
        cleanFilename(options.filename),
        options.origin,
      );
    } finally {
      this.store.discard(pending);
    }
  }

  /** Moves the file into place and records it in one synchronous step (see MediaRetention). */
  #record(
    accountId: string,
    file: PendingFile,
    mimetype: string,
    filename: string | null,
    origin: MediaOrigin,
  ): MediaView {
    const { db } = this.deps;
    this.store.commit(file);
    const id = newMediaId();
    const createdAt = Date.now();
    db.transaction(() => {
      db.insert(mediaFiles)
        .values({ sha256: file.sha256, size: file.size, mimetype })
        .onConflictDoNothing()
        .run();
      db.insert(media).values({ id, accountId, sha256: file.sha256, filename, origin, createdAt }).run();
    });
    this.retention.cleanupSoonIfFull();
    return viewOf(this.#find(id)!);
  }

  #find(id: string): StoredFile | undefined {
    const row = this.deps.db
      .select({ media, file: mediaFiles })
      .from(media)
      .innerJoin(mediaFiles, eq(mediaFiles.sha256, media.sha256))
      .where(eq(media.id, id))
      .get();
    if (!row) return undefined;
    const { media: m, file } = row;
    return {
      id: m.id,
      accountId: m.accountId,
      mimetype: file.mimetype,
      size: file.size,
      sha256: file.sha256,
      filename: m.filename,
      origin: m.origin,
      createdAt: m.createdAt,
      url: mediaPath(m.id),
      path: this.store.pathOf(file.sha256),
    };
  }

  /** Private and loopback addresses: for whom MEDIA_FETCH_PRIVATE allows; link-local and metadata never. */
  #fetchPolicy(actor: Actor): UrlPolicy {
    const rule = this.deps.config.fetchPrivate;
    if (rule === 'everyone' || (rule === 'admins' && isAdmin(actor))) return { privateRefused: null };
    return {
      privateRefused:
        rule === 'nobody'
          ? ' (MEDIA_FETCH_PRIVATE=nobody)'
          : ': only admins may have media fetched from one (MEDIA_FETCH_PRIVATE=admins)',
    };
  }
}
