import { CAMPAIGN_NAME_MAX_LENGTH, DEFAULT_WINDOW } from '@switchboard/validators';
import { ChevronDown } from 'lucide-react';
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { selectClass, TextField } from '../../components/field.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
import { localTimeZone } from '../../lib/campaigns.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { Campaign } from '../../lib/types.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { goToStep } from './campaign-editor.tsx';
import { StepCard } from './step-card.tsx';

type Mode = 'session' | 'pool';

const radioClass =
  'flex flex-1 cursor-pointer items-start gap-3 rounded-xl px-4 py-3 ring-1 ring-inset has-[:checked]:bg-emerald-50/60 has-[:checked]:ring-2 has-[:checked]:ring-emerald-600 ring-zinc-300 dark:ring-zinc-700 dark:has-[:checked]:bg-emerald-950/40 dark:has-[:checked]:ring-emerald-500';

/** The campaign's name and who sends it: one of the user's accounts, or a pool of them. */
export function AccountStep({ campaign }: { campaign: Campaign | null }) {
  const { t } = useTranslation();
  const { sessions } = useSessions();
  const pools = trpc.pools.list.useQuery();
  const utils = trpc.useUtils();
  const [name, setName] = useState(campaign?.name ?? '');
  const [mode, setMode] = useState<Mode>(campaign?.poolId ? 'pool' : 'session');
  const [sessionId, setSessionId] = useState<string | null>(campaign?.sessionId ?? null);
  const [poolId, setPoolId] = useState<string | null>(campaign?.poolId ?? null);
  const [error, setError] = useState<string | null>(null);
  const sessionSelectId = useId();
  const poolSelectId = useId();
  const onError = (e: unknown) => setError(errorMessage(e));
  const onSaved = (saved: Campaign) => {
    utils.campaigns.byId.setData({ id: saved.id }, saved);
    void utils.campaigns.list.invalidate();
    goToStep(saved.id, 'audience');
  };
  const create = trpc.campaigns.create.useMutation({ onSuccess: onSaved, onError });
  const update = trpc.campaigns.update.useMutation({ onSuccess: onSaved, onError });

  const save = () => {
    if (!name.trim()) return setError(t('editor.account.nameMissing'));
    const sender = mode === 'session' ? sessionId : poolId;
    if (!sender)
      return setError(
        mode === 'session' ? t('editor.account.accountMissing') : t('editor.account.poolMissing'),
      );
    setError(null);
    const fields = {
      name: name.trim(),
      sessionId: mode === 'session' ? sessionId : null,
      poolId: mode === 'pool' ? poolId : null,
    };
    // A paused campaign keeps its sender: name it only when it changes (which only a draft may).
    const moved = fields.sessionId !== campaign?.sessionId || fields.poolId !== campaign?.poolId;
    if (campaign) update.mutate({ id: campaign.id, name: fields.name, ...(moved ? fields : {}) });
    // Sending hours start in the operator's own time zone rather than the server's default, UTC.
    else create.mutate({ ...fields, pacing: { window: { ...DEFAULT_WINDOW, timeZone: localTimeZone() } } });
  };

  const poolList = pools.data ?? [];
  return (
    <StepCard
      title={t('editor.account.title')}
      description={t('editor.account.description')}
      error={error}
      busy={create.isPending || update.isPending}
      submitLabel={campaign ? t('campaigns.step.submit') : t('editor.account.createDraft')}
      onSubmit={save}
    >
      <TextField
        label={t('editor.account.name')}
        value={name}
        maxLength={CAMPAIGN_NAME_MAX_LENGTH}
        placeholder={t('editor.account.namePlaceholder')}
        onChange={(e) => setName(e.target.value)}
      />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {t('editor.account.sendFrom')}
        </legend>
        <div className="flex flex-col gap-3 sm:flex-row">
          <label className={radioClass}>
            <input
              type="radio"
              name="sender"
              className="mt-1 accent-emerald-600"
              checked={mode === 'session'}
              onChange={() => setMode('session')}
            />
            <span>
              <span className="block text-sm font-medium">{t('editor.account.one')}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {t('editor.account.oneHint')}
              </span>
            </span>
          </label>
          <label className={radioClass}>
            <input
              type="radio"
              name="sender"
              className="mt-1 accent-emerald-600"
              checked={mode === 'pool'}
              onChange={() => setMode('pool')}
            />
            <span>
              <span className="block text-sm font-medium">{t('editor.account.pool')}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {t('editor.account.poolHint')}
              </span>
            </span>
          </label>
        </div>
      </fieldset>
      {mode === 'session' ? (
        <div>
          <label
            htmlFor={sessionSelectId}
            className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200"
          >
            {t('editor.account.account')}
          </label>
          <SessionSelect
            id={sessionSelectId}
            sessions={sessions ?? []}
            value={sessionId}
            placeholder={t('editor.account.choose')}
            onChange={setSessionId}
          />
          <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
            {t('editor.account.notConnectedYet')}
          </p>
        </div>
      ) : (
        <div>
          <label
            htmlFor={poolSelectId}
            className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200"
          >
            {t('editor.account.poolLabel')}
          </label>
          <div className="relative">
            <select
              id={poolSelectId}
              className={selectClass}
              value={poolId ?? ''}
              onChange={(e) => setPoolId(e.target.value || null)}
            >
              <option value="" disabled>
                {poolList.length === 0 ? t('editor.account.noPools') : t('editor.account.choosePool')}
              </option>
              {poolList.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('editor.account.poolOption', { name: p.name, count: p.sessionIds.length })}
                </option>
              ))}
            </select>
            <ChevronDown
              aria-hidden
              className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
            />
          </div>
          <p className={cx('mt-1.5 text-xs text-zinc-500 dark:text-zinc-400')}>
            <Trans
              i18nKey="editor.account.poolsPage"
              components={{
                link: (
                  <Link
                    to={{ name: 'pools' }}
                    className="font-medium text-emerald-700 hover:underline dark:text-emerald-400"
                  />
                ),
              }}
            />
          </p>
        </div>
      )}
    </StepCard>
  );
}
