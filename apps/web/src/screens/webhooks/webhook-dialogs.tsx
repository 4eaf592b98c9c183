import { type FormEvent, useId, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextField } from '../../components/field.tsx';
import { ShownOnce } from '../../components/shown-once.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { Webhook, WebhookEvent, WebhookWithSecret } from '../../lib/types.ts';
import { defaultEvents, toggleEvent, urlProblem, WEBHOOK_EVENT_META } from '../../lib/webhooks.ts';
import { trpc } from '../../trpc.ts';

/** Add an endpoint for an account (or edit one): URL, description, the events it gets, on or off. */
export function WebhookFormDialog({
  sessionId,
  webhook,
  onClose,
  onCreated,
}: {
  sessionId: string;
  webhook?: Webhook;
  onClose: () => void;
  onCreated: (created: WebhookWithSecret) => void;
}) {
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
  const eventsProblem = events.length === 0 ? 'Choose at least one event.' : null;

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
        await utils.webhooks.list.invalidate();
        onClose();
      } else {
        const created = await create.mutateAsync({
          sessionId,
          url: url.trim(),
          description: description.trim() || undefined,
          events,
        });
        await utils.webhooks.list.invalidate();
        onCreated(created);
      }
    } catch {
      // Shown from the mutation's error, in the server's words.
    }
  };

  return (
    <Dialog
      title={webhook ? 'Edit endpoint' : 'Add webhook endpoint'}
      description="Switchboard posts signed JSON events to this URL and retries for about a day if it fails."
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField
          label="URL"
          type="url"
          inputMode="url"
          placeholder="https://example.com/hooks/whatsapp"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={submitted ? problem : null}
          autoFocus
          required
        />
        <TextField
          label="Description"
          hint="Optional: what receives these events."
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
        />
        <fieldset aria-labelledby={legendId}>
          <legend id={legendId} className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Events
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
                  <span className="font-mono text-xs font-medium">{meta.event}</span>
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
              <span className="font-medium">Enabled</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {webhook.disabledReason
                  ? `Disabled: ${webhook.disabledReason}. Tick to send events again.`
                  : 'Untick to pause deliveries to this endpoint.'}
              </span>
            </span>
          </label>
        ) : null}
        {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={busy}>
            {webhook ? 'Save changes' : 'Add endpoint'}
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
  return (
    <Dialog
      title={rotated ? 'New signing secret' : 'Endpoint added'}
      description={
        rotated
          ? 'The previous secret keeps signing beside this one for 24 hours, so the receiver can switch over.'
          : 'Use this secret to verify the webhook-signature header of each request.'
      }
      onClose={onClose}
    >
      <ShownOnce label="Signing secret" secret={secret} />
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          I have stored it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
