import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { ShownOnce } from '../../components/shown-once.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Webhook, WebhookEvent, WebhookWithSecret } from '../../lib/types.ts';
import { defaultEvents, toggleEvent, urlProblem, WEBHOOK_EVENT_META } from '../../lib/webhooks.ts';
import { trpc } from '../../trpc.ts';

/** Add an endpoint for an account or the whole server (or edit one): URL, description, the events it gets, on or off. */
export function WebhookFormDialog({
  sessionId,
  webhook,
  onClose,
  onCreated,
}: {
  /** null: a server-wide endpoint, for every account (admins). */
  sessionId: string | null;
  webhook?: Webhook;
  onClose: () => void;
  onCreated: (created: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [events, setEvents] = useState<WebhookEvent[]>(webhook?.events ?? defaultEvents());
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const [submitted, setSubmitted] = useState(false);
  const utils = trpc.useUtils();
  const create = trpc.webhooks.create.useMutation();
  const update = trpc.webhooks.update.useMutation();
  const busy = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const legendId = useId();
  const enabledId = useId();

  const problem = urlProblem(url);
  const eventsProblem = events.length === 0 ? t('webhooks.form.eventsMissing') : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problem || eventsProblem) return;
    try {
      if (webhook) {
        await update.mutateAsync({
          id: webhook.id,
          url: url.trim(),
          description: description.trim(),
          events,
          enabled,
        });
        await utils.webhooks.list.invalidate({ sessionId });
        onClose();
      } else {
        const created = await create.mutateAsync({
          sessionId,
          url: url.trim(),
          description: description.trim() || undefined,
          events,
        });
        await utils.webhooks.list.invalidate({ sessionId });
        onCreated(created);
      }
    } catch {
      // Shown from the mutation's error, in the server's words.
    }
  };

  return (
    <Dialog
      title={webhook ? t('webhooks.form.editTitle') : t('webhooks.form.addTitle')}
      description={t('webhooks.form.description')}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField
          label={t('webhooks.form.url')}
          type="url"
          inputMode="url"
          placeholder="https://example.com/hooks/whatsapp"
          dir="ltr"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={submitted ? problem : null}
          autoFocus
          required
        />
        <TextField
          label={t('webhooks.form.about')}
          hint={t('webhooks.form.aboutHint')}
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
        />
        <fieldset aria-labelledby={legendId}>
          <legend id={legendId} className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t('webhooks.form.events')}
          </legend>
          <div className="space-y-1.5">
            {WEBHOOK_EVENT_META.map((meta) => (
              <label key={meta.event} className="flex items-start gap-2.5 rounded-lg px-1 py-1 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-emerald-600"
                  checked={events.includes(meta.event)}
                  onChange={(e) => setEvents((list) => toggleEvent(list, meta.event, e.target.checked))}
                />
                <span>
                  <span className="font-medium">{meta.label}</span>{' '}
                  <bdi dir="ltr" className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                    {meta.event}
                  </bdi>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">{meta.description}</span>
                </span>
              </label>
            ))}
          </div>
          {submitted && eventsProblem ? (
            <p className="mt-1.5 text-sm text-red-700 dark:text-red-400">{eventsProblem}</p>
          ) : null}
        </fieldset>
        {webhook ? (
          <label htmlFor={enabledId} className="flex items-start gap-2.5 text-sm">
            <input
              id={enabledId}
              type="checkbox"
              className="mt-0.5 size-4 accent-emerald-600"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
            />
            <span>
              <span className="font-medium">{t('webhooks.form.enabled')}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {webhook.disabledReason
                  ? t('webhooks.form.disabledBecause', { reason: webhook.disabledReason })
                  : t('webhooks.form.pauseHint')}
              </span>
            </span>
          </label>
        ) : null}
        {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" loading={busy}>
            {webhook ? t('webhooks.form.save') : t('webhooks.form.add')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The signing secret, shown once after create or rotate. */
export function SecretDialog({
  secret,
  rotated,
  onClose,
}: {
  secret: string;
  rotated: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={rotated ? t('webhooks.secret.newTitle') : t('webhooks.secret.addedTitle')}
      description={rotated ? t('webhooks.secret.rotatedBody') : t('webhooks.secret.addedBody')}
      onClose={onClose}
    >
      <ShownOnce label={t('webhooks.secret.label')} secret={secret} />
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          {t('apiKeys.shown.stored')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
