import { CAPTION_MAX_LENGTH } from '@switchboard/validators';
import { Send, Upload } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { messagesToSend, takesCaption } from '../../lib/attachment.ts';
import { errorMessage } from '../../lib/errors.ts';
import { MESSAGE_MAX_LENGTH, messageTextProblem } from '../../lib/message-status.ts';
import { emptyPlace, type PlaceDraft, placeToSend } from '../../lib/place.ts';
import { STATUS_META } from '../../lib/session-status.ts';
import type { Conversation, Message, Session } from '../../lib/types.ts';
import { AttachButton } from '../media/attach-button.tsx';
import { AttachmentPreview } from '../media/attachment-preview.tsx';
import { useFileDrop } from '../media/file-drop.ts';
import { PlaceButton, PlaceFields } from '../media/place-fields.tsx';
import { useAttachment } from '../media/use-attachment.ts';
import { useSend } from '../media/use-send.ts';

/** The reply box under a thread: text, a file (picked, dropped or pasted) with its caption, or a place. */
export function ReplyBox({
  conversation,
  session,
  onSent,
}: {
  conversation: Conversation;
  session: Session | null;
  onSent: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [place, setPlace] = useState<PlaceDraft | null>(null);
  const [placeTried, setPlaceTried] = useState(false);
  const { attachment, attach, setType, clear } = useAttachment(conversation.accountId);
  const { sendAll, pending, error } = useSend(onSent);
  // A message shares a file or a place: attaching a file replaces the place being written.
  const attachFile = (file: File) => {
    setPlace(null);
    attach(file);
  };
  const { dragging, handlers } = useFileDrop(attachFile);
  const fieldId = useId();
  const hintId = useId();
  const caption = attachment ? takesCaption(attachment.type) : false;
  const problem = caption ? messageTextProblem(text, CAPTION_MAX_LENGTH) : messageTextProblem(text);
  const connected = session?.status === 'connected';
  const ready = attachment
    ? attachment.status === 'ready' && attachment.mediaId !== null
    : place !== null || text.trim() !== '';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!ready || problem || pending) return;
    const location = place ? placeToSend(place) : null;
    if (place && !location) {
      setPlaceTried(true);
      return;
    }
    const file = attachment?.mediaId ? { type: attachment.type, mediaId: attachment.mediaId } : null;
    const sends = messagesToSend({
      sessionId: conversation.accountId,
      to: conversation.contact.phone,
      text,
      file,
      place: location,
    });
    if (await sendAll(sends)) {
      setText('');
      clear();
      setPlace(null);
      setPlaceTried(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) void submit(event);
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      {...handlers}
      className="relative border-t border-zinc-100 p-3 dark:border-zinc-800"
      data-testid="reply-box"
    >
      {dragging ? (
        <div className="pointer-events-none absolute inset-1.5 z-10 flex items-center justify-center gap-2 rounded-xl border-2 border-dashed border-emerald-500 bg-emerald-50/90 text-sm font-medium text-emerald-800 dark:bg-emerald-950/90 dark:text-emerald-200">
          <Upload aria-hidden className="size-4" /> {t('inbox.reply.drop')}
        </div>
      ) : null}
      {error ? <ErrorNotice className="mb-2">{errorMessage(error)}</ErrorNotice> : null}
      {problem ? <ErrorNotice className="mb-2">{problem}</ErrorNotice> : null}
      {attachment ? (
        <div className="mb-2">
          <AttachmentPreview attachment={attachment} onType={setType} onRemove={clear} />
        </div>
      ) : null}
      {place ? (
        <div className="mb-2">
          <PlaceFields
            draft={place}
            onChange={setPlace}
            onRemove={() => {
              setPlace(null);
              setPlaceTried(false);
            }}
            showProblems={placeTried}
          />
        </div>
      ) : null}
      <label htmlFor={fieldId} className="sr-only">
        {attachment
          ? caption
            ? t('inbox.reply.caption')
            : t('inbox.reply.afterFile')
          : place
            ? t('inbox.reply.afterPlace')
            : t('inbox.reply.reply')}
      </label>
      <div className="flex items-end gap-2">
        <AttachButton onFile={attachFile} disabled={place !== null} />
        <PlaceButton
          onClick={() => setPlace(emptyPlace())}
          disabled={place !== null || attachment !== null}
        />
        <textarea
          id={fieldId}
          rows={2}
          value={text}
          maxLength={MESSAGE_MAX_LENGTH + 1000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={hintId}
          placeholder={
            attachment
              ? caption
                ? t('inbox.reply.addCaption')
                : t('inbox.reply.addAfterFile')
              : place
                ? t('inbox.reply.addAfterPlace')
                : t('inbox.reply.write')
          }
          className="block min-h-10 w-full resize-none rounded-lg border-0 bg-white px-3 py-2 text-base text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-emerald-600 focus:outline-none sm:text-sm dark:bg-zinc-950 dark:text-zinc-100 dark:ring-zinc-700 dark:placeholder:text-zinc-500 dark:focus:ring-emerald-500"
        />
        <Button
          type="submit"
          variant="primary"
          icon={Send}
          loading={pending}
          disabled={!ready || Boolean(problem)}
        >
          {t('inbox.reply.send')}
        </Button>
      </div>
      <p id={hintId} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        {session && !connected
          ? t('inbox.reply.fromOffline', {
              account: session.name,
              status: STATUS_META[session.status].label.toLowerCase(),
            })
          : t('inbox.reply.from', { account: session?.name ?? conversation.accountId })}{' '}
        {t('inbox.reply.keys')}
      </p>
    </form>
  );
}
