import {
  DEFAULT_PACING,
  DEFAULT_WINDOW,
  pacingProblems,
  pacingWarnings,
  WEEKDAYS,
} from '@switchboard/validators';
import { RotateCcw, TriangleAlert } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { TextField } from '../../components/field.tsx';
import { localTimeZone } from '../../lib/campaigns.ts';
import { saySaid } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { weekdayName } from '../../lib/format.ts';
import type { Campaign, CampaignPacing } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';
import { goToStep } from './campaign-editor.tsx';
import { StepCard } from './step-card.tsx';

function NumberField({
  label,
  value,
  onChange,
  hint,
  step = 1,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  hint?: string;
  step?: number;
}) {
  return (
    <TextField
      label={label}
      type="number"
      min={0}
      step={step}
      hint={hint}
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-sm font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/** The safe defaults, loosened or tightened; every loosening says what it risks before the campaign is saved. */
export function PacingStep({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [p, setP] = useState<CampaignPacing>(campaign.pacing);
  const update = trpc.campaigns.update.useMutation({
    onSuccess: (c) => {
      utils.campaigns.byId.setData({ id: c.id }, c);
      goToStep(c.id, 'review');
    },
  });
  const set = <K extends keyof CampaignPacing>(key: K, value: CampaignPacing[K]) =>
    setP((now) => ({ ...now, [key]: value }));
  const numbersOk = Object.values(p).every((v) => typeof v !== 'number' || Number.isFinite(v));
  const problems = numbersOk ? pacingProblems(p).map(saySaid) : [t('editor.pacing.fillIn')];
  const warnings = numbersOk ? pacingWarnings(p).map(saySaid) : [];
  const window = p.window;
  const setWindow = (patch: Partial<NonNullable<CampaignPacing['window']>>) =>
    window && set('window', { ...window, ...patch });

  return (
    <StepCard
      title={t('editor.pacing.title')}
      description={t('editor.pacing.description')}
      error={update.error ? errorMessage(update.error) : problems.length > 0 ? problems.join(' ') : null}
      busy={update.isPending}
      disabled={problems.length > 0}
      onSubmit={() => update.mutate({ id: campaign.id, pacing: p })}
      aside={
        warnings.length > 0 ? (
          <div
            role="status"
            className="rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20 dark:bg-amber-950/60 dark:text-amber-200"
          >
            <p className="flex items-center gap-2 font-semibold">
              <TriangleAlert aria-hidden className="size-4" />
              {t('editor.pacing.looser')}
            </p>
            <ul className="mt-2 list-disc space-y-1 ps-5" data-testid="pacing-warnings">
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
            <Button
              size="sm"
              className="mt-3"
              icon={RotateCcw}
              onClick={() =>
                setP({ ...DEFAULT_PACING, window: { ...DEFAULT_WINDOW, timeZone: localTimeZone() } })
              }
            >
              {t('editor.pacing.reset')}
            </Button>
          </div>
        ) : null
      }
    >
      <Section title={t('editor.pacing.between')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberField
            label={t('editor.pacing.shortest')}
            step={0.5}
            value={p.minGapSeconds}
            onChange={(n) => set('minGapSeconds', n)}
          />
          <NumberField
            label={t('editor.pacing.longest')}
            step={0.5}
            value={p.maxGapSeconds}
            onChange={(n) => set('maxGapSeconds', n)}
          />
          <NumberField
            label={t('editor.pacing.pauseEvery')}
            hint={t('editor.pacing.noPauses')}
            value={p.batchSize}
            onChange={(n) => set('batchSize', n)}
          />
          <NumberField
            label={t('editor.pacing.pauseLength')}
            value={p.batchPauseMinutes}
            onChange={(n) => set('batchPauseMinutes', n)}
          />
        </div>
      </Section>
      <Section title={t('editor.pacing.hours')}>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-emerald-600"
            checked={window !== null}
            onChange={(e) =>
              set('window', e.target.checked ? { ...DEFAULT_WINDOW, timeZone: localTimeZone() } : null)
            }
          />
          {t('editor.pacing.onlyInHours')}
        </label>
        {window ? (
          <>
            <fieldset className="flex flex-wrap gap-1.5">
              <legend className="sr-only">{t('editor.pacing.days')}</legend>
              {WEEKDAYS.map((d) => (
                <button
                  key={d}
                  type="button"
                  aria-pressed={window.days.includes(d)}
                  onClick={() =>
                    setWindow({
                      days: window.days.includes(d)
                        ? window.days.filter((x) => x !== d)
                        : [...window.days, d].sort(),
                    })
                  }
                  className={cx(
                    'min-w-12 rounded-md px-1.5 py-1 text-sm font-medium ring-1 ring-inset',
                    window.days.includes(d)
                      ? 'bg-emerald-600 text-white ring-emerald-600 dark:bg-emerald-500 dark:text-emerald-950'
                      : 'text-zinc-600 ring-zinc-300 dark:text-zinc-400 dark:ring-zinc-700',
                  )}
                >
                  {weekdayName(d)}
                </button>
              ))}
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField
                label={t('editor.pacing.from')}
                type="time"
                value={window.start}
                onChange={(e) => setWindow({ start: e.target.value })}
              />
              <TextField
                label={t('editor.pacing.until')}
                type="time"
                value={window.end}
                onChange={(e) => setWindow({ end: e.target.value })}
              />
              <TextField
                label={t('editor.pacing.timeZone')}
                value={window.timeZone}
                dir="ltr"
                onChange={(e) => setWindow({ timeZone: e.target.value })}
              />
            </div>
          </>
        ) : null}
      </Section>
      <Section title={t('editor.pacing.caps')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberField
            label={t('editor.pacing.daily')}
            hint={t('editor.pacing.dailyHint')}
            value={p.dailyCap}
            onChange={(n) => set('dailyCap', n)}
          />
          <NumberField
            label={t('editor.pacing.newContacts')}
            hint={t('editor.pacing.newContactsHint')}
            value={p.newContactsPerDay}
            onChange={(n) => set('newContactsPerDay', n)}
          />
          <NumberField
            label={t('editor.pacing.failures')}
            value={p.failureStreak}
            onChange={(n) => set('failureStreak', n)}
          />
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-emerald-600"
            checked={p.warmup}
            onChange={(e) => set('warmup', e.target.checked)}
          />
          <span>{t('editor.pacing.warmup')}</span>
        </label>
      </Section>
    </StepCard>
  );
}
