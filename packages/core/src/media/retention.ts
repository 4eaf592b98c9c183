import { campaigns, type Db, media, mediaFiles, messages } from '@switchboard/db';
import { FINISHED_CAMPAIGN_STATUSES } from '@switchboard/validators';
import { and, asc, count, eq, inArray, lt, notExists, notInArray, sql, sum } from 'drizzle-orm';
import type { Logger } from '../logger.ts';
import type { MediaStore } from './store.ts';

export interface RetentionConfig {
  /** Files older than this are removed; 0 keeps them. */
  retentionMs: number;
  /** The oldest files are removed while all of them together take more; 0 for no cap. */
  maxTotalBytes: number;
}

/** Rows read at a time while looking for the oldest to remove. */
const BATCH = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps media storage within its limits: rows older than the retention time go, then the oldest rows while
 * the files take more than the cap; a message whose file went keeps its description and says why. A file
 * no row uses any more is deleted. Every step is synchronous, so it never interleaves with a file being
 * recorded (which is synchronous too).
 */
export class MediaRetention {
  #soon: NodeJS.Immediate | undefined;

  constructor(
    private readonly db: Db,
    private readonly store: MediaStore,
    private readonly config: RetentionConfig,
    private readonly log: Logger,
  ) {}

  /** One pass of the clean-up job. Returns how many rows it removed. */
  cleanup(now = Date.now()): number {
    let removed = 0;
    const { retentionMs, maxTotalBytes } = this.config;
    if (retentionMs > 0) {
      const old = this.db
        .select({ id: media.id })
        .from(media)
        .where(lt(media.createdAt, now - retentionMs))
        .all();
      const days = Math.round((retentionMs / DAY_MS) * 10) / 10;
      removed += this.remove(
        old.map((r) => r.id),
        `Removed after ${days} days (MEDIA_RETENTION_DAYS)`,
      );
    }
    this.collectGarbage();
    if (maxTotalBytes > 0) {
      removed += this.remove(
        this.#oldestOver(maxTotalBytes),
        'Removed to keep media storage under its size cap (MEDIA_MAX_TOTAL_MB)',
      );
      this.collectGarbage();
    }
    if (removed > 0) this.log.info('media retention removed files', { rows: removed });
    return removed;
  }

  /** Runs `cleanup` once, soon, when a new file took storage over its cap (several calls coalesce). */
  cleanupSoonIfFull(): void {
    const { maxTotalBytes } = this.config;
    if (maxTotalBytes === 0 || this.#soon || this.totalBytes() <= maxTotalBytes) return;
    this.#soon = setImmediate(() => {
      this.#soon = undefined;
      this.cleanup();
    });
  }

  stop(): void {
    clearImmediate(this.#soon);
    this.#soon = undefined;
  }

  totalBytes(): number {
    return Number(
      this.db
        .select({ total: sum(mediaFiles.size) })
        .from(mediaFiles)
        .get()?.total ?? 0,
    );
  }

  /** Deletes the files no row uses any more (after rows were removed, or an account was deleted). */
  collectGarbage(): number {
    const unused = this.db
      .select({ sha256: mediaFiles.sha256 })
      .from(mediaFiles)
      .where(
        notExists(this.db.select({ one: sql`1` }).from(media).where(eq(media.sha256, mediaFiles.sha256))),
      )
      .all();
    for (const { sha256 } of unused) {
      this.db.delete(mediaFiles).where(eq(mediaFiles.sha256, sha256)).run();
      this.store.remove(sha256);
    }
    return unused.length;
  }

  /** At start-up: half-written uploads, and files a crash left without their row, are deleted. */
  sweep(): void {
    this.store.clearTemp();
    const known = new Set(
      this.db
        .select({ sha256: mediaFiles.sha256 })
        .from(mediaFiles)
        .all()
        .map((r) => r.sha256),
    );
    for (const sha256 of this.store.storedHashes()) if (!known.has(sha256)) this.store.remove(sha256);
    this.collectGarbage();
  }

  /**
   * The oldest rows whose removal brings storage under `maxBytes`: a file only frees its bytes once the last
   * row using it goes, so rows are counted off in age order until enough files are freed.
   */
  #oldestOver(maxBytes: number): string[] {
    let excess = this.totalBytes() - maxBytes;
    const ids: string[] = [];
    const users = new Map<string, number>();
    for (let offset = 0; excess > 0; offset += BATCH) {
      const batch = this.db
        .select({ id: media.id, sha256: media.sha256, size: mediaFiles.size })
        .from(media)
        .innerJoin(mediaFiles, eq(mediaFiles.sha256, media.sha256))
        .orderBy(asc(media.createdAt), asc(media.id))
        .limit(BATCH)
        .offset(offset)
        .all();
      if (batch.length === 0) break;
      for (const row of batch) {
        const before =
          users.get(row.sha256) ??
          this.db.select({ n: count() }).from(media).where(eq(media.sha256, row.sha256)).get()?.n ??
          1;
        users.set(row.sha256, before - 1);
        ids.push(row.id);
        if (before === 1) excess -= row.size;
        if (excess <= 0) break;
      }
    }
    return ids;
  }

  /**
   * Removes media rows; the messages that used them keep their description and say why. A file a campaign
   * still has to send (not completed or cancelled) is kept, however old: its recipients would get nothing.
   */
  remove(ids: string[], reason: string): number {
    if (ids.length === 0) return 0;
    let removed = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const inUse = new Set(
        this.db
          .select({ id: campaigns.mediaId })
          .from(campaigns)
          .where(
            and(
              inArray(campaigns.mediaId, ids.slice(i, i + 500)),
              notInArray(campaigns.status, [...FINISHED_CAMPAIGN_STATUSES]),
            ),
          )
          .all()
          .map((r) => r.id),
      );
      const chunk = ids.slice(i, i + 500).filter((id) => !inUse.has(id));
      if (chunk.length === 0) continue;
      this.db.transaction(() => {
        this.db
          .update(messages)
          .set({ mediaId: null, media: sql`json_set(${messages.media}, '$.missing', ${reason})` })
          .where(inArray(messages.mediaId, chunk))
          .run();
        removed += this.db.delete(media).where(inArray(media.id, chunk)).run().changes;
      });
    }
    return removed;
  }
}
