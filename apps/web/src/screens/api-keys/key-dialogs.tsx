import { API_KEY_NAME_MAX_LENGTH, SCOPE_DESCRIPTIONS, type Scope } from '@switchboard/validators';
import { ChevronDown, KeyRound } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
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
    name: name.trim() ? null : 'Name the key after what will use it, e.g. “n8n production”',
    scopes: scopes.length > 0 ? null : 'Choose at least one scope',
    sessions: restricted && accountIds.length === 0 ? 'Choose at least one session' : null,
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
      title="Create an API key"
      description="The key acts as its owner, limited to what you choose here. You can revoke it at any time."
      onClose={onClose}
      size="lg"
    >
      <form onSubmit={submit} className="space-y-5" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            autoFocus
            autoComplete="off"
            maxLength={API_KEY_NAME_MAX_LENGTH}
            placeholder="n8n production"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={submitted ? problems.name : null}
          />
          {me.role === 'admin' ? (
            <div>
              <label htmlFor={ownerId} className={cx(legendClass, 'block')}>
                For
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
                      {u.id === me.id ? `${u.name} (you)` : `${u.name} · ${u.email}`}
                    </option>
                  ))}
                </select>
                <ChevronDown
                  aria-hidden
                  className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-zinc-500"
                />
              </div>
            </div>
          ) : null}
        </div>

        <fieldset>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <legend className={legendClass}>Scopes</legend>
            <div className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
              Pick:
              {SCOPE_PRESETS.map((preset) => (
                <button
                  key={preset.label}
                  type="button"
                  onClick={() => setScopes(preset.scopes)}
                  className="rounded-full px-2.5 py-1 font-medium text-zinc-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800"
                >
                  {preset.label}
                </button>
              ))}
            </div>
          </div>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            {SCOPE_GROUPS.map((group) => (
              <div
                key={group.label}
                className="rounded-xl p-3 ring-1 ring-zinc-200 ring-inset dark:ring-zinc-800"
              >
                <p className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                  {group.label}
                </p>
                {group.scopes.map(({ scope, label }) => (
                  <label key={scope} className="flex cursor-pointer items-start gap-2.5 py-1 text-sm">
                    <input
                      type="checkbox"
                      checked={scopes.includes(scope)}
                      onChange={() => setScopes(toggle(scopes, scope))}
                      className="mt-0.5 size-4 accent-emerald-600"
                    />
                    <span>
                      <span className="font-medium">{label}</span>{' '}
                      <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{scope}</span>
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                        {SCOPE_DESCRIPTIONS[scope]}
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
          <legend className={legendClass}>Sessions</legend>
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
                <span className="font-medium">Every session</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  All its owner can see, now and later
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
                <span className="font-medium">Only some sessions</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  Others answer “not found” to this key
                </span>
              </span>
            </label>
          </div>
          {restricted ? (
            <div className="mt-2 max-h-40 space-y-1 overflow-y-auto rounded-xl p-3 ring-1 ring-zinc-200 ring-inset dark:ring-zinc-800">
              {sessions?.length === 0 ? <p className="text-sm text-zinc-500">No sessions yet.</p> : null}
              {sessions?.map((s) => (
                <label key={s.id} className="flex cursor-pointer items-center gap-2.5 py-0.5 text-sm">
                  <input
                    type="checkbox"
                    checked={accountIds.includes(s.id)}
                    onChange={() => setAccountIds(toggle(accountIds, s.id))}
                    className="size-4 accent-emerald-600"
                  />
                  {s.name} <span className="font-mono text-xs text-zinc-500">{s.id}</span>
                </label>
              ))}
            </div>
          ) : null}
          {submitted && problems.sessions ? (
            <p className="mt-1.5 text-sm text-red-700 dark:text-red-400">{problems.sessions}</p>
          ) : null}
        </fieldset>

        <fieldset>
          <legend className={legendClass}>Expires after</legend>
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
                {choice.label}
              </label>
            ))}
          </div>
        </fieldset>

        {create.error ? <ErrorNotice>{errorMessage(create.error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" icon={KeyRound} loading={create.isPending}>
            Create key
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
  const origin = window.location.origin;
  return (
    <Dialog
      title="API key created"
      description={
        <>
          <strong className="font-medium text-zinc-900 dark:text-zinc-100">{apiKey.name}</strong> can now use
          the API as {apiKey.owner.name}.
        </>
      }
      onClose={onClose}
      className="api-key-created"
    >
      <ShownOnce label="API key" secret={secret} />
      <p className="mt-5 mb-1.5 text-sm font-medium">Try it</p>
      <pre className="overflow-x-auto rounded-lg bg-zinc-900 px-3 py-2.5 font-mono text-xs leading-relaxed text-zinc-100">
        {`export SWITCHBOARD_KEY=${apiKey.prefix}…   # the whole key above\ncurl -H "Authorization: Bearer $SWITCHBOARD_KEY" \\\n  ${origin}/api/v1/sessions`}
      </pre>
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
        Every endpoint is described in the{' '}
        <a
          href="/api/docs"
          target="_blank"
          rel="noreferrer"
          className="font-medium text-emerald-700 hover:underline dark:text-emerald-400"
        >
          API reference
        </a>
        .
      </p>
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          I have stored it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
