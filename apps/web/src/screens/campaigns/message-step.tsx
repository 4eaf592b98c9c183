import { MAX_VARIANTS, MESSAGE_TEXT_CEILING, templateProblem } from '@switchboard/validators';
import { keepPreviousData } from '@tanstack/react-query';
import { Plus, Send, Trash2 } from 'lucide-react';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { useToast } from '../../components/toaster.tsx';
import { saySaid } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatList, phoneInText } from '../../lib/format.ts';
import { checkPhone } from '../../lib/phone.ts';
import type { Campaign } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { goToStep } from './campaign-editor.tsx';
import { CampaignFile, FileAttacher } from './campaign-file.tsx';
import { StepCard } from './step-card.tsx';

/**
 * The wordings filled in for the first recipient, as they would arrive (under the file, if there is one, with
 * the caption's limit); and a test to the operator's phone.
 */
function Preview({ campaign, variants }: { campaign: Campaign; variants: string[] }) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(variants);
  const usable = deferred.filter((v) => !templateProblem(v));
  const { media } = campaign;
  const preview = trpc.campaigns.preview.useQuery(
    { id: campaign.id, variants: usable },
    { enabled: usable.length > 0, placeholderData: keepPreviousData },
  );
  const toast = useToast();
  const [to, setTo] = useState('');
  const [variant, setVariant] = useState(0);
  const phone = checkPhone(to);
  const test = trpc.campaigns.sendTest.useMutation({
    onSuccess: () => toast.success(t('editor.message.testSent')),
  });
  const sample = preview.data?.recipient;
  return (
    <>
      <Card aria-labelledby="preview-title">
        <CardHeader title={t('editor.message.preview')} id="preview-title" />
        <div className="space-y-3 px-5 py-4">
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {sample
              ? t('editor.message.forRecipient', { name: sample.name ?? phoneInText(sample.phone) })
              : t('editor.message.addAudience')}
          </p>
          {media && usable.length === 0 ? (
            <div className={BUBBLE}>
              <CampaignFile media={media} />
            </div>
          ) : null}
          {preview.data?.variants.map((v, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the wordings, in their order, as the server filled them in
            <div key={i} data-testid="preview-variant">
              <div className={BUBBLE}>
                {media ? <CampaignFile media={media} caption={v.text} /> : null}
                <p className={media ? 'mt-1.5' : undefined}>{v.text}</p>
              </div>
              {v.length > preview.data.limit ? (
                <p className="mt-1 text-end text-xs text-red-700 dark:text-red-400">
                  {t(media ? 'editor.message.captionTooLong' : 'editor.message.messageTooLong', {
                    length: formatCount(v.length),
                    limit: formatCount(preview.data.limit),
                  })}
                </p>
              ) : null}
              {v.missing.length > 0 ? (
                <p className="mt-1 text-end text-xs text-amber-700 dark:text-amber-400">
                  {t('editor.message.missing', { variables: formatList(v.missing.map((m) => `{{${m}}}`)) })}
                </p>
              ) : null}
            </div>
          ))}
        </div>
      </Card>
      <Card aria-labelledby="test-title">
        <CardHeader title={t('editor.message.testTitle')} id="test-title" />
        <form
          className="space-y-3 px-5 py-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (phone.state === 'valid') test.mutate({ id: campaign.id, to: phone.international, variant });
          }}
        >
          <TextField
            label={t('editor.message.yourNumber')}
            inputMode="tel"
            placeholder="+49 151 23456789"
            dir="ltr"
            value={to}
            error={phone.state === 'invalid' ? phone.problem : null}
            onChange={(e) => setTo(e.target.value)}
          />
          {usable.length > 1 ? (
            <div className="flex flex-wrap gap-3 text-sm">
              {usable.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one radio per wording, by its position
                <label key={i} className="flex items-center gap-1.5">
                  <input
                    type="radio"
                    className="accent-emerald-600"
                    checked={variant === i}
                    onChange={() => setVariant(i)}
                  />
                  {t('editor.message.wordingNumber', { number: i + 1 })}
                </label>
              ))}
            </div>
          ) : null}
          {test.error ? <ErrorNotice>{errorMessage(test.error)}</ErrorNotice> : null}
          <Button
            type="submit"
            icon={Send}
            loading={test.isPending}
            disabled={phone.state !== 'valid' || campaign.counts.total === 0}
          >
            {t('editor.message.sendTest')}
          </Button>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('editor.message.testHint')}</p>
        </form>
      </Card>
    </>
  );
}

const BUBBLE =
  'ms-auto max-w-[90%] rounded-2xl rounded-se-sm bg-emerald-100 px-3.5 py-2 text-sm whitespace-pre-wrap text-zinc-900 dark:bg-emerald-900/60 dark:text-zinc-100';

/** Up to five wordings of the message with variables and fallbacks; each recipient gets one of them. */
export function MessageStep({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  // Each wording being edited keeps a key of its own, so removing one never hands its text field to another.
  const nextKey = useRef(0);
  const draft = (text: string) => ({ key: nextKey.current++, text });
  const [drafts, setDrafts] = useState(() =>
    (campaign.variants.length > 0 ? campaign.variants : ['']).map(draft),
  );
  const variants = useMemo(() => drafts.map((d) => d.text), [drafts]);
  const [shown, setShown] = useState(false);
  const update = trpc.campaigns.update.useMutation({
    onSuccess: (c) => {
      utils.campaigns.byId.setData({ id: c.id }, c);
      goToStep(c.id, 'pacing');
    },
  });
  // With a file, a wording is optional: the file goes out alone.
  const problems = variants.map((v) => (campaign.media && !v.trim() ? null : templateProblem(v)));
  const set = (key: number, text: string) =>
    setDrafts((all) => all.map((d) => (d.key === key ? { key, text } : d)));

  return (
    <StepCard
      title={t('editor.message.title')}
      description={
        <Trans
          i18nKey="editor.message.description"
          values={{ example: '{{name}}', fallback: '{{name|there}}' }}
          components={{ code: <code dir="ltr" className="rounded bg-zinc-100 px-1 dark:bg-zinc-800" /> }}
        />
      }
      error={update.error ? errorMessage(update.error) : null}
      busy={update.isPending}
      onSubmit={() => {
        setShown(true);
        if (problems.every((p) => p === null))
          update.mutate({
            id: campaign.id,
            variants: campaign.media ? variants.filter((v) => v.trim()) : variants,
          });
      }}
      aside={<Preview campaign={campaign} variants={variants} />}
    >
      {drafts.map(({ key, text }, i) => (
        <div key={key}>
          <TextAreaField
            label={
              variants.length > 1
                ? t('editor.message.wordingNumber', { number: i + 1 })
                : t('editor.message.wording')
            }
            value={text}
            maxLength={MESSAGE_TEXT_CEILING}
            error={shown && problems[i] ? saySaid(problems[i]) : null}
            aside={
              variants.length > 1 ? (
                <Button
                  size="sm"
                  variant="danger-ghost"
                  icon={Trash2}
                  aria-label={t('editor.message.remove', { number: i + 1 })}
                  onClick={() => setDrafts((all) => all.filter((d) => d.key !== key))}
                />
              ) : (
                <span className="text-xs text-zinc-500 tabular-nums">{formatCount(text.length)}</span>
              )
            }
            onChange={(e) => set(key, e.target.value)}
          />
        </div>
      ))}
      {variants.length < MAX_VARIANTS ? (
        <Button icon={Plus} onClick={() => setDrafts((all) => [...all, draft('')])}>
          {t('editor.message.add')}
        </Button>
      ) : null}
      <FileAttacher campaign={campaign} />
      {variants.length === 1 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('editor.message.tip')}</p>
      ) : null}
    </StepCard>
  );
}
