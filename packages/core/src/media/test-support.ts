import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accounts, type Db, media, mediaFiles } from '@switchboard/db';
import { DEFAULT_MEDIA_MAX_BYTES } from '@switchboard/validators';
import { afterEach } from 'vitest';
import { Access, type Actor } from '../access.ts';
import { addUser, freshUsers, seedAdmin } from '../auth/test-support.ts';
import { EventBus } from '../events.ts';
import { silentLogger } from '../logger.ts';
import { type MediaConfig, MediaService } from './service.ts';

/** The media service's tests share this: a real database and a real folder, with two operators' accounts. */

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export interface MediaHarness {
  db: Db;
  bus: EventBus;
  service: MediaService;
  dir: string;
  admin: Actor;
  olga: Actor;
  otto: Actor;
}

export async function mediaHarness(config: Partial<MediaConfig> = {}): Promise<MediaHarness> {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const olga = await addUser(users, admin, 'olga@example.com', 'operator');
  const otto = await addUser(users, admin, 'otto@example.com', 'operator');
  const now = Date.now();
  for (const [id, owner] of [
    ['olga-1', olga],
    ['olga-2', olga],
    ['otto-1', otto],
  ] as const)
    db.insert(accounts)
      .values({ id, name: id, engine: 'sandbox', ownerId: owner.id, updatedAt: now, statusChangedAt: now })
      .run();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-media-'));
  folders.push(dir);
  const bus = new EventBus();
  const service = new MediaService({
    db,
    access: new Access(db),
    bus,
    config: {
      dir,
      limits: DEFAULT_MEDIA_MAX_BYTES,
      retentionMs: 0,
      maxTotalBytes: 0,
      fetchTimeoutMs: 2_000,
      fetchPrivate: 'everyone',
      linkTtlMs: 60_000,
      publicUrl: () => 'https://wa.example.com',
      ...config,
    },
    log: silentLogger,
  });
  return { db, bus, service, dir, admin, olga, otto };
}

/** Every file under the store (temporary ones included), to prove what is left on disk. */
export function filesOn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export const counts = (db: Db) => ({
  rows: db.select().from(media).all().length,
  files: db.select().from(mediaFiles).all().length,
});

/** A source that yields `chunks` chunks of `size` bytes and counts how many were pulled from it. */
export function countingSource(chunks: number, size: number) {
  const source = {
    pulled: 0,
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < chunks; i++) {
        source.pulled += 1;
        yield Buffer.alloc(size, 7);
      }
    },
  };
  return source;
}
