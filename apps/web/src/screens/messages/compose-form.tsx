import { CAPTION_MAX_LENGTH } from '@switchboard/validators';
import { CircleAlert, CircleCheck, CircleHelp, Hourglass, Send, Upload } from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useToast } from '../../components/toaster.tsx';
import { messagesToSend, takesCaption } from '../../lib/attachment.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, phoneInText } from '../../lib/format.ts';
import { MESSAGE_MAX_LENGTH, messageTextProblem, upsertMessage } from '../../lib/message-status.ts';
import { checkPhone } from '../../lib/phone.ts';
import { emptyPlace, type PlaceDraft, placeToSend } from '../../lib/place.ts';
import { STATUS_META } from '../../lib/session-status.ts';
import type { Message, Session } from '../../lib/types.ts';
import { Link } from '../../router.tsx';
import { trpc } from '../../trpc.ts';
import { AttachButton } from '../media/attach-button.tsx';
import { AttachmentPreview } from '../media/attachment-preview.tsx';
import { useFileDrop } from '../media/file-drop.ts';
import { PlaceButton, PlaceFields } from '../media/place-fields.tsx';
import { useAttachment } from '../media/use-attachment.ts';
import { useSend } from '../media/use-send.ts';
import { MESSAGE_PAGE_SIZE } from './message-list.tsx';
import { type NumberCheck, useNumberCheck } from './use-number-check.ts';
import { useSendOutcome } from './use-send-outcome.ts';

export function ComposeForm({
  sessions,
  selected,
  onSelect,
}: {
  sessions: Session[];
  selected: Session | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [toTouched, setToTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [place, setPlace] = useState<PlaceDraft | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const selectId = useId();
  const selectHintId = useId();
  const { attachment, attach, setType, clear } = useAttachment(selected?.id ?? null);
  // A message shares a file or a place: attaching a file replaces the place being written.
  const attachFile = (file: File) => {
    setPlace(null);
    attach(file);
  };
  const { dragging, handlers } = useFileDrop(attachFile);
  const put = (message: Message) =>
    utils.messages.list.setInfiniteData({ sessionId: message.accountId, limit: MESSAGE_PAGE_SIZE }, (data) =>
      data ? upsertMessage(data, message) : data,
    );
  const { sendAll, pending, error } = useSend(put);
  // What was sent, to clear once it really went out (unless the operator has typed on since).
  const sentText = useRef('');
  const sentTo = useRef('');
  const { follow, following } = useSendOutcome(selected?.id ?? null, (outcome) => {
    const to = phoneInText(sentTo.current);
    if (outcome.state === 'failed') {
      const why = (outcome.error ?? t('messages.status.failed')).replace(/[.\s]+$/, '');
      toast.error(t('messages.compose.failed', { phone: to, error: why }));
      return;
    }
    if (outcome.state === 'unconfirmed') toast.info(t('messages.compose.unconfirmed', { phone: to }));
    else toast.success(t('messages.compose.sent', { phone: to }));
    setText((current) => (current === sentText.current ? '' : current));
    clear();
    setPlace(null);
    setSubmitted(false);
  });

  const phone = checkPhone(to);
  const numberCheck = useNumberCheck(
    selected && connected(selected) ? selected.id : null,
    phone.state === 'valid' ? phone.digits : null,
  );
  const phoneProblem =
    phone.state === 'invalid' && (toTouched || submitted || to.replace(/\D/g, '').length >= 8)
      ? phone.problem
      : phone.state === 'empty' && submitted
        ? t('messages.compose.toMissing')
        : null;
  const caption = attachment ? takesCaption(attachment.type) : false;
  const textLimit = caption ? CAPTION_MAX_LENGTH : MESSAGE_MAX_LENGTH;
  const textProblem =
    messageTextProblem(text, textLimit) ??
    (submitted && !attachment && !place && text.trim() === '' ? t('messages.compose.empty') : null);
  const isConnected = connected(selected);
  const fileReady = !attachment || (attachment.status === 'ready' && attachment.mediaId !== null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (
      !selected ||
      !isConnected ||
      phone.state !== 'valid' ||
      messageTextProblem(text, textLimit) ||
      !fileReady
    )
      return;
    const location = place ? placeToSend(place) : null;
    if (place && !location) return;
    const file = attachment?.mediaId ? { type: attachment.type, mediaId: attachment.mediaId } : null;
    const sends = messagesToSend({ sessionId: selected.id, to: phone.digits, text, file, place: location });
    if (sends.length === 0) return;
    const stored = await sendAll(sends);
    if (!stored) return;
    // The form keeps everything until the messages really went out (or failed: then it stays to be fixed).
    sentText.current = text;
    sentTo.current = phone.digits;
    follow(stored);
  };

  return (
    <Card aria-labelledby="compose-title" className="lg:sticky lg:top-20">
      <CardHeader title={t('messages.compose.title')} id="compose-title" />
      <form
        onSubmit={(event) => void submit(event)}
        {...handlers}
        className="relative space-y-5 p-5"
        noValidate
      >
        {dragging ? (
          <div className="pointer-events-none absolute inset-2 z-10 flex items-center justify-center gap-2 rounded-xl border-2 border-dashed border-emerald-500 bg-emerald-50/90 text-sm font-medium text-emerald-800 dark:bg-emerald-950/90 dark:text-emerald-200">
            <Upload aria-hidden className="size-4" /> {t('messages.compose.drop')}
          </div>
        ) : null}
        <div>
          <label
            htmlFor={selectId}
            className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200"
          >
            {t('messages.compose.from')}
          </label>
          <SessionSelect
            id={selectId}
            describedBy={selectHintId}
            sessions={sessions}
            value={selected?.id ?? null}
            placeholder={t('messages.compose.choose')}
            disabled={(s) => s.status !== 'connected'}
            onChange={(id) => id && onSelect(id)}
          />
          <p id={selectHintId} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
            {t('messages.compose.onlyConnected')}
          </p>
          {selected && !isConnected ? (
            <p className="mt-2 flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                <Trans
                  i18nKey="messages.compose.notConnected"
                  values={{ name: selected.name, status: STATUS_META[selected.status].label.toLowerCase() }}
                  components={{
                    link: (
                      <Link to={{ name: 'session', id: selected.id }} className="font-medium underline" />
                    ),
                  }}
                />
              </span>
            </p>
          ) : null}
          {selected?.limited ? (
            <p className="mt-2 flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              <Hourglass aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                {selected.limited.until
                  ? t('messages.compose.limitedUntil', {
                      name: selected.name,
                      until: formatDateTime(selected.limited.until),
                    })
                  : t('messages.compose.limited', { name: selected.name })}
              </span>
            </p>
          ) : null}
        </div>

        <TextField
          label={t('messages.compose.to')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="+49 151 23456789"
          dir="ltr"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          onBlur={() => setToTouched(true)}
          error={phoneProblem}
          hint={
            phone.state === 'valid' ? (
              <>
                {phone.international}
                {phone.country ? ` · ${phone.country}` : ''}
                <NumberCheckNote check={numberCheck} />
              </>
            ) : (
              t('messages.compose.toHint')
            )
          }
        />

        <TextAreaField
          label={
            attachment
              ? caption
                ? t('messages.compose.caption')
                : t('messages.compose.afterFile')
              : place
                ? t('messages.compose.afterPlace')
                : t('messages.compose.message')
          }
          rows={attachment || place ? 3 : 5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={textProblem}
          aside={
            <span
              className={cx(
                'text-xs tabular-nums',
                text.length > textLimit
                  ? 'font-medium text-red-700 dark:text-red-400'
                  : 'text-zinc-500 dark:text-zinc-400',
              )}
              data-testid="char-count"
            >
              {text.length} / {textLimit}
              <span className="sr-only"> {t('messages.compose.characters')}</span>
            </span>
          }
        />

        {attachment ? <AttachmentPreview attachment={attachment} onType={setType} onRemove={clear} /> : null}
        {place ? (
          <PlaceFields
            draft={place}
            onChange={setPlace}
            onRemove={() => setPlace(null)}
            showProblems={submitted}
          />
        ) : null}

        {error ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
        <div className="flex items-center gap-2">
          <AttachButton onFile={attachFile} disabled={!selected || place !== null} />
          <PlaceButton
            onClick={() => setPlace(emptyPlace())}
            disabled={!selected || place !== null || attachment !== null}
          />
          <Button
            type="submit"
            variant="primary"
            icon={Send}
            loading={pending || following}
            disabled={!isConnected || !fileReady || following}
            className="flex-1 sm:flex-none"
          >
            {pending || following ? t('messages.compose.sending') : t('messages.compose.send')}
          </Button>
          <span className="hidden text-xs text-zinc-500 sm:inline dark:text-zinc-400">
            {t('messages.compose.dropHint')}
          </span>
        </div>
      </form>
    </Card>
  );
}

const connected = (session: Session | null): boolean => session?.status === 'connected';

/** Whether the number is on WhatsApp, beside the field as the operator types. */
function NumberCheckNote({ check }: { check: NumberCheck }) {
  const { t } = useTranslation();
  if (check === 'idle') return null;
  const look = {
    checking: { Icon: null, tone: 'text-zinc-500 dark:text-zinc-400' },
    on: { Icon: CircleCheck, tone: 'text-emerald-700 dark:text-emerald-400' },
    off: { Icon: CircleAlert, tone: 'font-medium text-red-700 dark:text-red-400' },
    unknown: { Icon: CircleHelp, tone: 'text-zinc-500 dark:text-zinc-400' },
  }[check];
  return (
    <span
      role="status"
      data-testid="number-check"
      data-check={check}
      className={cx('mt-1 flex items-center gap-1.5 text-xs', look.tone)}
    >
      {look.Icon ? <look.Icon aria-hidden className="size-3.5 shrink-0" /> : <Spinner className="size-3.5" />}
      {t(`messages.compose.check.${check}`)}
    </span>
  );
}
