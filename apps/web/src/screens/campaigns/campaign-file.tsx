import { formatBytes, MEDIA_TYPES, type MediaType } from '@switchboard/validators';
import { ChevronDown, Link2, Trash2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass, TextField } from '../../components/field.tsx';
import { i18n } from '../../i18n/i18n.ts';
import { takesCaption } from '../../lib/attachment.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { Campaign } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { AttachButton } from '../media/attach-button.tsx';
import { AttachmentPreview } from '../media/attachment-preview.tsx';
import { MessageMedia } from '../media/message-media.tsx';
import { useAttachment } from '../media/use-attachment.ts';

type CampaignMedia = NonNullable<Campaign['media']>;

/** The campaign's file as a recipient sees it, with `caption` under it where its type takes one. */
export function CampaignFile({ media, caption }: { media: CampaignMedia; caption?: string }) {
  return (
    <div data-testid="campaign-file" className="space-y-1.5">
      <MessageMedia
        outgoing={false}
        message={{
          type: media.type,
          body: caption ?? '',
          location: null,
          media: { ...media, urlExpiresAt: null, missing: null },
        }}
      />
    </div>
  );
}

/** What a running or finished campaign sends: its file with the first wording under it. */
export function MessageCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { media, variants } = campaign;
  if (!media) return null;
  return (
    <Card aria-labelledby="campaign-message-title">
      <CardHeader title={t('editor.message.title')} id="campaign-message-title" />
      <div className="space-y-2 px-5 py-4">
        <div className="max-w-64">
          <CampaignFile media={media} />
        </div>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{fileSummary(media)}</p>
        {variants[0] ? (
          <p className="line-clamp-3 text-sm whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">
            {variants[0]}
            {variants.length > 1 ? (
              <span className="text-zinc-500">
                {t('editor.file.moreWordings', { count: variants.length - 1 })}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
    </Card>
  );
}

/** "Photo · menu.png · 82 KB": the file in one line, for lists (in the language of the component showing it). */
export const fileSummary = (media: CampaignMedia) =>
  [i18n.t(`media.types.${media.type}`), media.filename, formatBytes(media.size)].filter(Boolean).join(' · ');

/**
 * Attach one file to the campaign's message: picked (or dropped) and uploaded for the account it sends from,
 * or fetched once from a URL by the server. The upload reuses the compose form's parts; once it is stored,
 * the campaign takes it.
 */
export function FileAttacher({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  // Files belong to an account: a pool's campaign keeps its file with the pool's first account.
  const sessionId = campaign.sessionId ?? campaign.accounts[0]?.sessionId ?? null;
  const { attachment, attach, setType, clear } = useAttachment(sessionId);
  const [url, setUrl] = useState('');
  const [urlType, setUrlType] = useState<MediaType>('image');
  const typeId = useId();
  const setMedia = trpc.campaigns.setMedia.useMutation({
    onSuccess: (c) => {
      utils.campaigns.byId.setData({ id: c.id }, c);
      clear();
      setUrl('');
    },
  });
  const { mutate } = setMedia;
  const ready = attachment?.status === 'ready' ? attachment : null;
  useEffect(() => {
    if (ready?.mediaId) mutate({ id: campaign.id, media: { type: ready.type, id: ready.mediaId } });
  }, [ready?.mediaId, ready?.type, campaign.id, mutate]);

  const current = campaign.media;
  return (
    <div className="space-y-3 rounded-xl bg-zinc-50 p-4 ring-1 ring-zinc-900/5 dark:bg-zinc-800/40 dark:ring-white/10">
      <div className="flex items-center justify-between gap-3">
        <div>
          <p className="text-sm font-medium">{t('editor.file.title')}</p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('editor.file.hint')}</p>
        </div>
        {current ? null : <AttachButton onFile={attach} disabled={!sessionId || setMedia.isPending} />}
      </div>
      {current ? (
        <div className="flex items-center justify-between gap-3 rounded-lg bg-white p-2.5 ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10">
          <p className="min-w-0 truncate text-sm" data-testid="campaign-file-name">
            {fileSummary(current)}
          </p>
          <Button
            size="sm"
            variant="danger-ghost"
            icon={Trash2}
            loading={setMedia.isPending}
            onClick={() => mutate({ id: campaign.id, media: null })}
          >
            {t('editor.file.remove')}
          </Button>
        </div>
      ) : attachment ? (
        <AttachmentPreview attachment={attachment} onType={setType} onRemove={clear} />
      ) : (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            mutate({ id: campaign.id, media: { type: urlType, url: url.trim() } });
          }}
        >
          <div className="flex-1">
            <TextField
              label={t('editor.file.fromUrl')}
              type="url"
              placeholder="https://example.com/menu.jpg"
              dir="ltr"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={typeId} className="sr-only">
              {t('editor.file.sendAs')}
            </label>
            <div className="relative">
              <select
                id={typeId}
                className={selectClass}
                value={urlType}
                onChange={(e) => setUrlType(e.target.value as MediaType)}
              >
                {MEDIA_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`media.types.${type}`)}
                  </option>
                ))}
              </select>
              <ChevronDown
                aria-hidden
                className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
              />
            </div>
          </div>
          <Button type="submit" icon={Link2} loading={setMedia.isPending} disabled={!url.trim()}>
            {t('editor.file.fetch')}
          </Button>
        </form>
      )}
      {current && !takesCaption(current.type) && campaign.variants.some((v) => v.trim()) ? (
        <ErrorNotice>{t('editor.file.noCaption', { type: t(`media.types.${current.type}`) })}</ErrorNotice>
      ) : null}
      {setMedia.error ? <ErrorNotice>{errorMessage(setMedia.error)}</ErrorNotice> : null}
    </div>
  );
}
