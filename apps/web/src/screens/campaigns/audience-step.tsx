import { Eraser, FileSpreadsheet, ListPlus, Tags } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount } from '../../lib/format.ts';
import type { Campaign, ImportReport } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { goToStep } from './campaign-editor.tsx';
import { CsvImport } from './csv-import.tsx';
import { StepCard } from './step-card.tsx';

type Source = 'csv' | 'numbers' | 'contacts';
const SOURCES: Array<{ id: Source; icon: typeof Tags }> = [
  { id: 'csv', icon: FileSpreadsheet },
  { id: 'numbers', icon: ListPlus },
  { id: 'contacts', icon: Tags },
];

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <div
      className="space-y-2 rounded-xl bg-zinc-50 px-4 py-3 text-sm dark:bg-zinc-800/60"
      data-testid="import-report"
    >
      <p>
        <strong className="font-semibold">{t('audience.report.added', { count: report.added })}</strong>
        {report.duplicates ? ` · ${t('audience.report.duplicates', { count: report.duplicates })}` : ''}
        {report.optedOut ? ` · ${t('audience.report.optedOut', { count: report.optedOut })}` : ''}
        {report.invalid ? ` · ${t('audience.report.invalid', { count: report.invalid })}` : ''}
      </p>
      {report.problems.length > 0 ? (
        <ul className="max-h-40 space-y-0.5 overflow-y-auto text-xs text-zinc-600 dark:text-zinc-400">
          {report.problems.map((p) => (
            <li key={`${p.line}:${p.value}:${p.reason}`}>
              {p.line !== null ? `${t('audience.report.line', { line: p.line })} ` : ''}
              <span className="font-medium text-zinc-800 dark:text-zinc-200">
                {p.value || t('audience.report.empty')}
              </span>{' '}
              — {sayCoded(p.reason, p.reasonCoded)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PasteNumbers({
  campaignId,
  onImported,
}: {
  campaignId: string;
  onImported: (r: ImportReport) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = trpc.campaigns.addAudience.useMutation({
    onSuccess: (report) => {
      setText('');
      onImported(report);
    },
  });
  return (
    <div className="space-y-3">
      <TextAreaField
        label={t('audience.paste.numbers')}
        hint={t('audience.paste.hint')}
        dir="ltr"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {add.error ? <ErrorNotice>{errorMessage(add.error)}</ErrorNotice> : null}
      <div className="flex justify-end">
        <Button
          variant="primary"
          disabled={!text.trim()}
          loading={add.isPending}
          onClick={() => add.mutate({ id: campaignId, source: { type: 'numbers', text } })}
        >
          {t('audience.paste.add')}
        </Button>
      </div>
    </div>
  );
}

function ContactsByTag({
  campaign,
  onImported,
}: {
  campaign: Campaign;
  onImported: (r: ImportReport) => void;
}) {
  const { t } = useTranslation();
  const tags = trpc.contacts.tags.useQuery({ sessionId: campaign.sessionId });
  const [chosen, setChosen] = useState<string[]>([]);
  const [match, setMatch] = useState<'any' | 'all'>('any');
  const add = trpc.campaigns.addAudience.useMutation({ onSuccess: onImported });
  const toggle = (tag: string) =>
    setChosen((now) => (now.includes(tag) ? now.filter((other) => other !== tag) : [...now, tag]));
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {campaign.poolId ? t('audience.byTag.fromPool') : t('audience.byTag.fromAccount')}
      </p>
      {tags.data && tags.data.length > 0 ? (
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">{t('audience.byTag.tags')}</legend>
          {tags.data.map(({ tag, contacts }) => (
            <button
              key={tag}
              type="button"
              aria-pressed={chosen.includes(tag)}
              onClick={() => toggle(tag)}
              className={cx(
                'rounded-full px-3 py-1 text-sm ring-1 ring-inset',
                chosen.includes(tag)
                  ? 'bg-emerald-600 text-white ring-emerald-600 dark:bg-emerald-500 dark:text-emerald-950'
                  : 'text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800',
              )}
            >
              {tag} <span className="tabular-nums opacity-70">{formatCount(contacts)}</span>
            </button>
          ))}
        </fieldset>
      ) : (
        <p className="text-sm text-zinc-500">{t('audience.byTag.noTags')}</p>
      )}
      {chosen.length > 1 ? (
        <div className="flex gap-4 text-sm">
          {(['any', 'all'] as const).map((m) => (
            <label key={m} className="flex items-center gap-2">
              <input
                type="radio"
                className="accent-emerald-600"
                checked={match === m}
                onChange={() => setMatch(m)}
              />
              {m === 'any' ? t('audience.byTag.any') : t('audience.byTag.all')}
            </label>
          ))}
        </div>
      ) : null}
      {add.error ? <ErrorNotice>{errorMessage(add.error)}</ErrorNotice> : null}
      <div className="flex justify-end">
        <Button
          variant="primary"
          loading={add.isPending}
          onClick={() => add.mutate({ id: campaign.id, source: { type: 'contacts', tags: chosen, match } })}
        >
          {t('audience.byTag.add')}
        </Button>
      </div>
    </div>
  );
}

/** Who gets the message: any mix of a CSV file, pasted numbers and tagged contacts, each number once. */
export function AudienceStep({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [source, setSource] = useState<Source>('csv');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checkNumbers, setCheckNumbers] = useState(campaign.checkNumbers);
  const refresh = () => utils.campaigns.byId.invalidate({ id: campaign.id });
  const onImported = (r: ImportReport) => {
    setReport(r);
    void refresh();
  };
  const clear = trpc.campaigns.clearAudience.useMutation({
    onSuccess: (c) => {
      utils.campaigns.byId.setData({ id: c.id }, c);
      setReport(null);
    },
  });
  const update = trpc.campaigns.update.useMutation({
    onSuccess: (c) => {
      utils.campaigns.byId.setData({ id: c.id }, c);
      goToStep(c.id, 'message');
    },
  });
  const draft = campaign.status === 'draft';
  const { counts } = campaign;

  const summary = (
    <Card aria-labelledby="audience-summary">
      <CardHeader
        title={t('audience.step.title')}
        id="audience-summary"
        action={
          draft && counts.total > 0 ? (
            <Button
              size="sm"
              variant="danger-ghost"
              icon={Eraser}
              loading={clear.isPending}
              onClick={() => clear.mutate({ id: campaign.id })}
            >
              {t('audience.step.clear')}
            </Button>
          ) : null
        }
      />
      <div className="px-5 py-4">
        <p className="text-3xl font-semibold tabular-nums" data-testid="audience-total">
          {formatCount(counts.total - counts.opted_out - counts.skipped)}
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t('audience.step.recipients', { count: counts.total - counts.opted_out - counts.skipped })}
        </p>
        {counts.opted_out > 0 ? (
          <p className="mt-2 text-xs text-zinc-500">
            {t('audience.step.optedOutEarlier', { count: counts.opted_out })}
          </p>
        ) : null}
      </div>
    </Card>
  );

  return (
    <StepCard
      title={t('audience.step.title')}
      description={t('audience.step.description')}
      error={update.error ? errorMessage(update.error) : null}
      busy={update.isPending}
      disabled={counts.total === 0}
      onSubmit={() => update.mutate({ id: campaign.id, checkNumbers })}
      aside={summary}
    >
      {draft ? (
        <>
          <div
            role="tablist"
            aria-label={t('audience.step.source')}
            className="flex gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800"
          >
            {SOURCES.map(({ id, icon: Icon }) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={source === id}
                onClick={() => setSource(id)}
                className={cx(
                  'flex flex-1 items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium',
                  source === id
                    ? 'bg-white text-zinc-900 shadow-sm dark:bg-zinc-900 dark:text-zinc-100'
                    : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
                )}
              >
                <Icon aria-hidden className="size-4" />
                {t(`audience.sources.${id}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel">
            {source === 'csv' ? <CsvImport campaignId={campaign.id} onImported={onImported} /> : null}
            {source === 'numbers' ? <PasteNumbers campaignId={campaign.id} onImported={onImported} /> : null}
            {source === 'contacts' ? <ContactsByTag campaign={campaign} onImported={onImported} /> : null}
          </div>
          {report ? <Report report={report} /> : null}
          {clear.error ? <ErrorNotice>{errorMessage(clear.error)}</ErrorNotice> : null}
        </>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('audience.step.started')}</p>
      )}
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-emerald-600"
          checked={checkNumbers}
          onChange={(e) => setCheckNumbers(e.target.checked)}
        />
        <span>
          <span className="font-medium">{t('audience.step.check')}</span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            {t('audience.step.checkHint')}
          </span>
        </span>
      </label>
    </StepCard>
  );
}
