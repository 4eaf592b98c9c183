import { CAPTION_MAX_LENGTH } from '@switchboard/validators';
import { CircleAlert, Hourglass, Send, Upload } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { SessionSelect } from '../../components/session-select.tsx';
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

  const phone = checkPhone(to);
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
  const connected = selected?.status === 'connected';
  const fileReady = !attachment || (attachment.status === 'ready' && attachment.mediaId !== null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (
      !selected ||
      !connected ||
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
    if (await sendAll(sends)) {
      setText('');
      clear();
      setPlace(null);
      setSubmitted(false);
      toast.success(
        sends.length > 1
          ? t('messages.compose.queuedMany', { count: sends.length, phone: phoneInText(phone.digits) })
          : t('messages.compose.queued', { phone: phoneInText(phone.digits) }),
      );
    }
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
          {selected && !connected ? (
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
            phone.state === 'valid'
              ? `${phone.international}${phone.country ? ` · ${phone.country}` : ''}`
              : t('messages.compose.toHint')
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
            loading={pending}
            disabled={!connected || !fileReady}
            className="flex-1 sm:flex-none"
          >
            {t('messages.compose.send')}
          </Button>
          <span className="hidden text-xs text-zinc-500 sm:inline dark:text-zinc-400">
            {t('messages.compose.dropHint')}
          </span>
        </div>
      </form>
    </Card>
  );
}
