import { formatPhone } from '@switchboard/validators';
import { CircleAlert, Hourglass, Send } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { MESSAGE_MAX_LENGTH, messageTextProblem, upsertMessage } from '../../lib/message-status.ts';
import { checkPhone } from '../../lib/phone.ts';
import { STATUS_META } from '../../lib/session-status.ts';
import type { Session } from '../../lib/types.ts';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { MESSAGE_PAGE_SIZE } from './message-list.tsx';

export function ComposeForm({
  sessions,
  selected,
  onSelect,
}: {
  sessions: Session[];
  selected: Session | null;
  onSelect: (id: string) => void;
}) {
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [toTouched, setToTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const send = trpc.messages.send.useMutation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const selectId = useId();
  const selectHintId = useId();

  const phone = checkPhone(to);
  const phoneProblem =
    phone.state === 'invalid' && (toTouched || submitted || to.replace(/\D/g, '').length >= 8)
      ? phone.problem
      : phone.state === 'empty' && submitted
        ? 'Enter the recipient’s phone number.'
        : null;
  const textProblem =
    messageTextProblem(text) ?? (submitted && text.trim() === '' ? 'Write a message.' : null);
  const connected = selected?.status === 'connected';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!selected || !connected || phone.state !== 'valid' || messageTextProblem(text) || text.trim() === '')
      return;
    send.mutate(
      { sessionId: selected.id, to: phone.digits, text },
      {
        onSuccess: (message) => {
          utils.messages.list.setInfiniteData({ sessionId: selected.id, limit: MESSAGE_PAGE_SIZE }, (data) =>
            data ? upsertMessage(data, message) : data,
          );
          setText('');
          setSubmitted(false);
          toast.success(`Message to ${formatPhone(message.peer)} queued.`);
        },
      },
    );
  };

  return (
    <Card aria-labelledby="compose-title" className="lg:sticky lg:top-20">
      <CardHeader title="New message" id="compose-title" />
      <form onSubmit={submit} className="space-y-5 p-5" noValidate>
        <div>
          <label
            htmlFor={selectId}
            className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200"
          >
            Send from
          </label>
          <SessionSelect
            id={selectId}
            describedBy={selectHintId}
            sessions={sessions}
            value={selected?.id ?? null}
            placeholder="Choose a connected session"
            disabled={(s) => s.status !== 'connected'}
            onChange={(id) => id && onSelect(id)}
          />
          <p id={selectHintId} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
            Only connected sessions can send.
          </p>
          {selected && !connected ? (
            <p className="mt-2 flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                {selected.name} is not connected ({STATUS_META[selected.status].label.toLowerCase()}).{' '}
                <Link to={{ name: 'session', id: selected.id }} className="font-medium underline">
                  Open the session
                </Link>{' '}
                to start or link it.
              </span>
            </p>
          ) : null}
          {selected?.limited ? (
            <p className="mt-2 flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              <Hourglass aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                WhatsApp limits {selected.name} from starting new chats
                {selected.limited.until ? ` until ${formatDateTime(selected.limited.until)}` : ''}: only
                people who wrote to it can be messaged now.
              </span>
            </p>
          ) : null}
        </div>

        <TextField
          label="To"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="+49 151 23456789"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          onBlur={() => setToTouched(true)}
          error={phoneProblem}
          hint={
            phone.state === 'valid'
              ? `${phone.international}${phone.country ? ` · ${phone.country}` : ''}`
              : 'Phone number in international format, with the country code.'
          }
        />

        <TextAreaField
          label="Message"
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={textProblem}
          aside={
            <span
              className={cx(
                'text-xs tabular-nums',
                text.length > MESSAGE_MAX_LENGTH
                  ? 'font-medium text-red-700 dark:text-red-400'
                  : 'text-zinc-500 dark:text-zinc-400',
              )}
              data-testid="char-count"
            >
              {text.length} / {MESSAGE_MAX_LENGTH}
              <span className="sr-only"> characters</span>
            </span>
          }
        />

        {send.error ? <ErrorNotice>{errorMessage(send.error)}</ErrorNotice> : null}
        <Button
          type="submit"
          variant="primary"
          icon={Send}
          loading={send.isPending}
          disabled={!connected}
          className="w-full sm:w-auto"
        >
          Send message
        </Button>
      </form>
    </Card>
  );
}
