import { formatBytes } from '@switchboard/validators';
import { useMutation } from '@tanstack/react-query';
import { Paperclip, Send, X } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { TextAreaField, TextField } from '../../../components/field.tsx';
import { useToast } from '../../../components/toaster.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { phoneInText } from '../../../lib/format.ts';
import { checkPhone } from '../../../lib/phone.ts';
import {
  customerPhoneFor,
  fileToBase64,
  mediaTypeOf,
  type PhoneSend,
  sandboxApi,
} from '../../../lib/sandbox.ts';
import type { Session } from '../../../lib/types.ts';

/** The control API takes bodies up to 32 MiB; a file's base64 is a third larger than the file. */
const FILE_LIMIT = 24 * 1024 * 1024;

/** A virtual phone writes to the account: a text, or a file with a caption, from any number. */
export function InboundForm({ session }: { session: Session & { phone: string } }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [from, setFrom] = useState(() => customerPhoneFor(session.id));
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const check = checkPhone(from);
  const tooLarge = file !== null && file.size > FILE_LIMIT;
  const empty = text.trim() === '' && !file;

  const send = useMutation({
    mutationFn: async (input: { from: string; text: string; file: File | null }) => {
      const message: PhoneSend = { from: input.from, to: session.phone, text: input.text };
      if (input.file) {
        const mimetype = input.file.type || 'application/octet-stream';
        message.file = {
          type: mediaTypeOf(mimetype),
          data: await fileToBase64(input.file),
          mimetype,
          filename: input.file.name,
        };
      }
      return sandboxApi.inbound(message);
    },
    onSuccess: (_answer, input) => {
      toast.success(t('sandbox.inbound.sent', { from: phoneInText(input.from), name: session.name }));
      setText('');
      setFile(null);
      setSubmitted(false);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (check.state !== 'valid' || empty || tooLarge) return;
    send.mutate({ from: check.digits, text: text.trim(), file });
  };

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-labelledby="inbound-title">
      <h3 id="inbound-title" className="text-sm font-semibold">
        {t('sandbox.inbound.title')}
      </h3>
      <TextField
        label={t('sandbox.inbound.from')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        dir="ltr"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={check.state === 'invalid' ? check.problem : null}
        hint={check.state === 'valid' ? t('sandbox.inbound.fromHint') : null}
      />
      <TextAreaField
        label={file ? t('sandbox.inbound.caption') : t('sandbox.inbound.text')}
        value={text}
        rows={3}
        className="min-h-20"
        onChange={(e) => setText(e.target.value)}
        error={submitted && empty ? t('sandbox.inbound.empty') : null}
      />
      <input
        ref={picker}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
      />
      {file ? (
        <div className="flex min-w-0 items-center gap-2 rounded-lg bg-zinc-50 px-3 py-2 text-sm ring-1 ring-zinc-900/5 dark:bg-zinc-950 dark:ring-white/10">
          <Paperclip aria-hidden className="size-4 shrink-0 text-zinc-500" />
          <span className="min-w-0 flex-1 truncate" dir="auto">
            {file.name}
          </span>
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums">{formatBytes(file.size)}</span>
          <button
            type="button"
            onClick={() => setFile(null)}
            aria-label={t('sandbox.inbound.removeFile', { name: file.name })}
            className="rounded p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
      ) : null}
      {tooLarge ? (
        <ErrorNotice>{t('sandbox.inbound.tooLarge', { size: formatBytes(FILE_LIMIT) })}</ErrorNotice>
      ) : null}
      {send.error ? <ErrorNotice>{errorMessage(send.error)}</ErrorNotice> : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <Button icon={Paperclip} onClick={() => picker.current?.click()}>
          {file ? t('sandbox.inbound.otherFile') : t('sandbox.inbound.attach')}
        </Button>
        <Button type="submit" variant="primary" icon={Send} loading={send.isPending}>
          {t('sandbox.inbound.send')}
        </Button>
      </div>
    </form>
  );
}
