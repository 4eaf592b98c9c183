import { type Campaign, campaigns, type Db } from '@switchboard/db';
import {
  CAPTION_MAX_LENGTH,
  CAPTION_TYPES,
  MESSAGE_TYPE_LABELS,
  type MediaType,
} from '@switchboard/validators';
import { eq } from 'drizzle-orm';
import type { Actor } from '../access.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { MediaService, MediaView } from '../media/service.ts';
import type { SendInput } from '../messages/compose.ts';
import { expectEditable } from './drafts.ts';
import type { CampaignStore } from './store.ts';

/** The file a campaign's message carries: an upload of one of its accounts (`id`), or a URL fetched once. */
export interface CampaignMediaInput {
  type: MediaType;
  id?: string | null;
  url?: string | null;
}

const takesCaption = (type: MediaType | null): boolean => type === null || CAPTION_TYPES.includes(type);

/** How long a wording may be once filled in: a caption's limit when it goes out under a file. */
export function wordingLimit(campaign: Pick<Campaign, 'mediaType'>, maxTextLength: number): number {
  return campaign.mediaType ? Math.min(CAPTION_MAX_LENGTH, maxTextLength) : maxTextLength;
}

/**
 * Audio, voice messages and stickers cannot carry a caption on WhatsApp. Rather than send the wording as a
 * second message (two messages per recipient, and a half-sent pair after a crash), such a campaign sends the
 * file alone and refuses a wording, saying so.
 */
export function checkWordingsFit(type: MediaType | null, variants: readonly string[]): void {
  if (takesCaption(type) || variants.every((v) => v.trim() === '')) return;
  throw new AppError(
    'BAD_REQUEST',
    `${MESSAGE_TYPE_LABELS[type!]} files cannot have a caption on WhatsApp: remove the wording to send the file alone, or attach a photo, video or document to send it with the wording as its caption`,
  );
}

/**
 * The campaign's file as it is stored now, when one of `accountIds` may send it; null for a text campaign.
 * A file that went with its account, or whose account left the pool, must be attached again.
 */
export function currentFile(media: MediaService, campaign: Campaign, accountIds: string[]): MediaView | null {
  if (!campaign.mediaId) return null;
  const file = media.view(campaign.mediaId);
  if (!file || !accountIds.includes(file.accountId))
    throw new AppError('PRECONDITION_FAILED', 'The campaign’s file is gone: attach it again');
  return file;
}

/** A test send of one filled-in wording: the text, or the file (from its own account) with it as caption. */
export function testSend(campaign: Campaign, file: MediaView | null, text: string): Omit<SendInput, 'to'> {
  if (!file || !campaign.mediaType) return { sessionId: campaign.accountId, poolId: campaign.poolId, text };
  return {
    sessionId: file.accountId,
    type: campaign.mediaType,
    media: { id: file.id },
    caption: takesCaption(campaign.mediaType) && text ? text : null,
  };
}

/**
 * Attaches a file to an editable campaign, or removes it (`media: null`). It is checked as `messages.send`
 * checks a file: an upload must belong to one of the campaign's accounts (another's answers NOT_FOUND, like
 * a missing one) and fit the type; a URL is fetched now, once, for the first account, under the same rules
 * as any media URL. `managed` reads the campaign as the actor may manage it, before and after the fetch.
 */
export async function attachFile(
  deps: { db: Db; clock: Clock; media: MediaService; store: CampaignStore },
  actor: Actor,
  managed: () => Campaign,
  input: CampaignMediaInput | null,
): Promise<Campaign> {
  const before = managed();
  expectEditable(before, false);
  const accountIds = deps.store.accountIdsOf(before);
  let file: Pick<Campaign, 'mediaId' | 'mediaType'> = { mediaId: null, mediaType: null };
  if (input) {
    checkWordingsFit(input.type, before.variants);
    if (!accountIds[0])
      throw new AppError('PRECONDITION_FAILED', 'Choose the account to send from before adding a file');
    if (!input.id === !input.url)
      throw new AppError(
        'BAD_REQUEST',
        'Name the file: "id" of an upload, or "url" to fetch — one of the two',
      );
    const id =
      input.id ??
      (await deps.media.fetch(actor, { sessionId: accountIds[0], url: input.url!, type: input.type })).id;
    deps.media.attachFromAny(accountIds, id, input.type);
    file = { mediaId: id, mediaType: input.type };
  }
  // Fetching took a while: the campaign may have moved on meanwhile.
  const current = managed();
  expectEditable(current, false);
  if (current.accountId !== before.accountId || current.poolId !== before.poolId)
    throw new AppError(
      'CONFLICT',
      `Campaign ${current.name} changed its account meanwhile: attach the file again`,
    );
  checkWordingsFit(file.mediaType, current.variants);
  return deps.db
    .update(campaigns)
    .set({ ...file, updatedAt: deps.clock.now() })
    .where(eq(campaigns.id, current.id))
    .returning()
    .get()!;
}
