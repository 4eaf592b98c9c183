import { API_KEY_NAME_MAX_LENGTH, type Scope } from '@switchboard/validators';
import { ChevronDown, KeyRound } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass, TextField } from '../../components/field.tsx';
import { ShownOnce } from '../../components/shown-once.tsx';
import {
  EXPIRY_CHOICES,
  type ExpiryChoice,
  expiresAtFor,
  SCOPE_GROUPS,
  SCOPE_PRESETS,
} from '../../lib/api-keys.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { ApiKey, User } from '../../lib/types.ts';
import { useSessions } from '../../live/use-sessions.ts';
import { trpc } from '../../trpc.ts';

const legendClass = 'mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200';
const choiceClass = (on: boolean) =>
  cx(
    'flex cursor-pointer items-start gap-2.5 rounded-lg px-3 py-2 text-sm ring-1 ring-inset',
    on
      ? 'bg-emerald-50/60 ring-emerald-600 dark:bg-emerald-950/40 dark:ring-emerald-500'
      : 'ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800/50',
  );

/** Name, owner (admins), scopes, sessions and lifetime of a new key. */
export function CreateKeyDialog({
  me,
  onClose,
  onCreated,
}: {
  me: User;
  onClose: () => void;
  onCreated: (created: { key: ApiKey; secret: string }) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [owner, setOwner] = useState(me.id);
  const [scopes, setScopes] = useState<Scope[]>(SCOPE_PRESETS[0]!.scopes);
  const [restricted, setRestricted] = useState(false);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<ExpiryChoice>('90d');
  const [submitted, setSubmitted] = useState(false);
  const users = trpc.users.list.useQuery(undefined, { enabled: me.role === 'admin' });
  const { sessions } = useSessions();
  const create = trpc.apiKeys.create.useMutation();
  const ownerId = useId();

  const problems = {
    name: name.trim() ? null : t('apiKeys.dialog.nameMissing'),
    scopes: scopes.length > 0 ? null : t('apiKeys.dialog.scopesMissing'),
    sessions: restricted && accountIds.length === 0 ? t('apiKeys.dialog.sessionsMissing') : null,
  };
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.name || problems.scopes || problems.sessions) return;
    create.mutate(
      {
        name,
        scopes,
        accountIds: restricted ? accountIds : null,
        expiresAt: expiresAtFor(expiry, Date.now()),
        ...(owner !== me.id && { userId: owner }),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <Dialog
      title={t('apiKeys.dialog.title')}
      description={t('apiKeys.dialog.description')}
      onClose={onClose}
      size="lg"
    >
      <form onSubmit={submit} className="space-y-5" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('apiKeys.dialog.name')}
            autoFocus
            autoComplete="off"
            maxLength={API_KEY_NAME_MAX_LENGTH}
            placeholder={t('apiKeys.dialog.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={submitted ? problems.name : null}
          />
          {me.role === 'admin' ? (
            <div>
              <label htmlFor={ownerId} className={cx(legendClass, 'block')}>
                {t('apiKeys.dialog.for')}
              </label>
              <div className="relative">
                <select
                  id={ownerId}
                  className={selectClass}
                  value={owner}
                  onChange={(e) => setOwner(e.target.value)}
                >
                  {(users.data ?? [me]).map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.id === me.id ? t('apiKeys.dialog.you', { name: u.name }) : `${u.name} · ${u.email}`}
                    </option>
                  ))}
                </select>
                <ChevronDown
                  aria-hidden
                  className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
                />
              </div>
            </div>
          ) : null}
        </div>

        <fieldset>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <legend className={legendClass}>{t('apiKeys.dialog.scopes')}</legend>
            <div className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
              {t('apiKeys.dialog.pick')}
              {SCOPE_PRESETS.map((preset) => (
                <button
                  key={preset.id}
                  type="button"
                  onClick={() => setScopes(preset.scopes)}
                  className="rounded-full px-2.5 py-1 font-medium text-zinc-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800"
                >
                  {t(`apiKeys.presets.${preset.id}`)}
                </button>
              ))}
            </div>
          </div>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            {SCOPE_GROUPS.map((group) => (
              <div
                key={group.group}
                className="rounded-xl p-3 ring-1 ring-zinc-200 ring-inset dark:ring-zinc-800"
              >
                <p className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                  {t(`apiKeys.groups.${group.group}`)}
                </p>
                {group.scopes.map(({ scope, key }) => (
                  <label key={scope} className="flex cursor-pointer items-start gap-2.5 py-1 text-sm">
                    <input
                      type="checkbox"
                      checked={scopes.includes(scope)}
                      onChange={() => setScopes(toggle(scopes, scope))}
                      className="mt-0.5 size-4 accent-emerald-600"
                    />
                    <span>
                      <span className="font-medium">{t(`apiKeys.scopes.${key}.label`)}</span>{' '}
                      <bdi dir="ltr" className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
                        {scope}
                      </bdi>
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                        {t(`apiKeys.scopes.${key}.description`)}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            ))}
          </div>
          {submitted && problems.scopes ? (
            <p className="mt-1.5 text-sm text-red-700 dark:text-red-400">{problems.scopes}</p>
          ) : null}
        </fieldset>

        <fieldset>
          <legend className={legendClass}>{t('apiKeys.dialog.sessions')}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            <label className={choiceClass(!restricted)}>
              <input
                type="radio"
                name="sessions"
                checked={!restricted}
                onChange={() => setRestricted(false)}
                className="mt-0.5 size-4 accent-emerald-600"
              />
              <span>
                <span className="font-medium">{t('apiKeys.everySession')}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {t('apiKeys.dialog.everySessionHint')}
                </span>
              </span>
            </label>
            <label className={choiceClass(restricted)}>
              <input
                type="radio"
                name="sessions"
                checked={restricted}
                onChange={() => setRestricted(true)}
                className="mt-0.5 size-4 accent-emerald-600"
              />
              <span>
                <span className="font-medium">{t('apiKeys.dialog.someSessions')}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {t('apiKeys.dialog.someSessionsHint')}
                </span>
              </span>
            </label>
          </div>
          {restricted ? (
            <div className="mt-2 max-h-40 space-y-1 overflow-y-auto rounded-xl p-3 ring-1 ring-zinc-200 ring-inset dark:ring-zinc-800">
              {sessions?.length === 0 ? (
                <p className="text-sm text-zinc-500">{t('apiKeys.dialog.noSessions')}</p>
              ) : null}
              {sessions?.map((s) => (
                <label key={s.id} className="flex cursor-pointer items-center gap-2.5 py-0.5 text-sm">
                  <input
                    type="checkbox"
                    checked={accountIds.includes(s.id)}
                    onChange={() => setAccountIds(toggle(accountIds, s.id))}
                    className="size-4 accent-emerald-600"
                  />
                  {s.name}{' '}
                  <bdi dir="ltr" className="font-mono text-xs text-zinc-500">
                    {s.id}
                  </bdi>
                </label>
              ))}
            </div>
          ) : null}
          {submitted && problems.sessions ? (
            <p className="mt-1.5 text-sm text-red-700 dark:text-red-400">{problems.sessions}</p>
          ) : null}
        </fieldset>

        <fieldset>
          <legend className={legendClass}>{t('apiKeys.dialog.expiresAfter')}</legend>
          <div className="flex flex-wrap gap-2">
            {EXPIRY_CHOICES.map((choice) => (
              <label key={choice.id} className={choiceClass(expiry === choice.id)}>
                <input
                  type="radio"
                  name="expiry"
                  checked={expiry === choice.id}
                  onChange={() => setExpiry(choice.id)}
                  className="mt-0.5 size-4 accent-emerald-600"
                />
                {t(`apiKeys.expiry.${choice.id}`)}
              </label>
            ))}
          </div>
        </fieldset>

        {create.error ? <ErrorNotice>{errorMessage(create.error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" icon={KeyRound} loading={create.isPending}>
            {t('apiKeys.dialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The new key, shown this once, with a first request to try it. */
export function KeyCreatedDialog({
  apiKey,
  secret,
  onClose,
}: {
  apiKey: ApiKey;
  secret: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const origin = window.location.origin;
  return (
    <Dialog
      title={t('apiKeys.shown.title')}
      description={
        <Trans
          i18nKey="apiKeys.shown.description"
          values={{ name: apiKey.name, owner: apiKey.owner.name }}
          components={{ strong: <strong className="font-medium text-zinc-900 dark:text-zinc-100" /> }}
        />
      }
      onClose={onClose}
      className="api-key-created"
    >
      <ShownOnce label={t('apiKeys.shown.label')} secret={secret} />
      <p className="mt-5 mb-1.5 text-sm font-medium">{t('apiKeys.shown.tryIt')}</p>
      <pre
        dir="ltr"
        className="overflow-x-auto rounded-lg bg-zinc-900 px-3 py-2.5 font-mono text-xs leading-relaxed text-zinc-100"
      >
        {`export SWITCHBOARD_KEY=${apiKey.prefix}…   ${t('apiKeys.shown.comment')}\ncurl -H "Authorization: Bearer $SWITCHBOARD_KEY" \\\n  ${origin}/api/v1/sessions`}
      </pre>
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
        <Trans
          i18nKey="apiKeys.shown.reference"
          components={{
            link: (
              // biome-ignore lint/a11y/useAnchorContent: the catalogue's words become the link's content.
              <a
                href="/api/docs"
                target="_blank"
                rel="noreferrer"
                className="font-medium text-emerald-700 hover:underline dark:text-emerald-400"
              />
            ),
          }}
        />
      </p>
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          {t('apiKeys.shown.stored')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
