import { formatBytes } from '@switchboard/validators';
import { useQuery } from '@tanstack/react-query';
import { ChevronDown, Download, Inbox, MapPin, RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { cx } from '../../../components/cx.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Phone } from '../../../components/phone.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { formatMoment } from '../../../lib/format.ts';
import { type PhoneMessage, sandboxApi, type VirtualPhone } from '../../../lib/sandbox.ts';
import { useNow } from '../../../live/use-now.ts';

/**
 * What the virtual phones received from the user's accounts: one row per phone, newest first, each opening
 * onto its messages. Asked again every few seconds while shown, so a reply sent from the inbox turns up.
 */
export function PhonesView() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const phones = useQuery({
    queryKey: ['sandbox', 'phones'],
    queryFn: sandboxApi.phones,
    refetchInterval: 4_000,
  });
  const [open, setOpen] = useState<string | null>(null);

  return (
    <section aria-labelledby="phones-title" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h3 id="phones-title" className="text-sm font-semibold">
          {t('sandbox.phones.title')}
        </h3>
        <Button
          size="sm"
          variant="ghost"
          icon={RefreshCw}
          loading={phones.isFetching && !phones.isLoading}
          onClick={() => void phones.refetch()}
        >
          {t('sandbox.phones.refresh')}
        </Button>
      </div>
      {phones.error ? <ErrorNotice>{errorMessage(phones.error)}</ErrorNotice> : null}
      {phones.isLoading ? <Spinner label={t('sandbox.phones.loading')} /> : null}
      {phones.data?.length === 0 ? (
        <p className="flex items-center gap-2 rounded-lg bg-zinc-50 px-3 py-3 text-sm text-zinc-500 dark:bg-zinc-950 dark:text-zinc-400">
          <Inbox aria-hidden className="size-4 shrink-0" />
          {t('sandbox.phones.empty')}
        </p>
      ) : null}
      {phones.data && phones.data.length > 0 ? (
        <ul className="divide-y divide-zinc-100 overflow-hidden rounded-xl ring-1 ring-zinc-900/5 dark:divide-zinc-800 dark:ring-white/10">
          {phones.data.map((phone) => (
            <PhoneRow
              key={phone.phone}
              phone={phone}
              now={now}
              open={open === phone.phone}
              onToggle={() => setOpen((current) => (current === phone.phone ? null : phone.phone))}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function PhoneRow({
  phone,
  now,
  open,
  onToggle,
}: {
  phone: VirtualPhone;
  now: number;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li data-testid="virtual-phone">
      <button
        type="button"
        aria-expanded={open}
        onClick={onToggle}
        className="flex w-full min-w-0 items-center gap-3 px-3 py-2.5 text-start hover:bg-zinc-50 dark:hover:bg-zinc-800/50"
      >
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium" dir="auto">
            {phone.name}
          </span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            <Phone digits={phone.phone} /> · {t('sandbox.phones.received', { count: phone.received })} ·{' '}
            {formatMoment(phone.lastAt, now)}
          </span>
        </span>
        <ChevronDown
          aria-hidden
          className={cx('size-4 shrink-0 transition-transform', open && 'rotate-180')}
        />
      </button>
      {open ? <PhoneMessages phone={phone.phone} received={phone.received} /> : null}
    </li>
  );
}

function PhoneMessages({ phone, received }: { phone: string; received: number }) {
  const { t } = useTranslation();
  // The count in the key: a new message on the list fetches the phone's messages again.
  const messages = useQuery({
    queryKey: ['sandbox', 'phone', phone, received],
    queryFn: () => sandboxApi.messages(phone),
  });
  if (messages.error) return <ErrorNotice className="m-3">{errorMessage(messages.error)}</ErrorNotice>;
  if (!messages.data) return <Spinner className="m-3" label={t('sandbox.phones.loading')} />;
  return (
    <ol className="max-h-80 space-y-2 overflow-y-auto bg-zinc-50 px-3 py-3 dark:bg-zinc-950">
      {[...messages.data].reverse().map((message) => (
        <Received key={message.id} phone={phone} message={message} />
      ))}
    </ol>
  );
}

function Received({ phone, message }: { phone: string; message: PhoneMessage }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  return (
    <li className="rounded-lg bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10">
      <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
        <span>
          {t('sandbox.phones.from')} <Phone digits={message.from} />
        </span>
        <time dateTime={new Date(message.at).toISOString()}>{formatMoment(message.at, now)}</time>
      </p>
      {message.media ? (
        <a
          href={sandboxApi.fileUrl(phone, message.id)}
          download={message.media.filename ?? ''}
          className="mt-1 flex min-w-0 items-center gap-1.5 font-medium text-emerald-700 hover:underline dark:text-emerald-400"
        >
          <Download aria-hidden className="size-4 shrink-0" />
          <span className="min-w-0 truncate" dir="auto">
            {message.media.filename ?? t('sandbox.phones.file')}
          </span>
          <span className="shrink-0 text-xs font-normal text-zinc-500">
            {formatBytes(message.media.size)}
          </span>
        </a>
      ) : null}
      {message.location ? (
        <p className="mt-1 flex items-center gap-1.5">
          <MapPin aria-hidden className="size-4 shrink-0 text-zinc-500" />
          <span dir="auto">
            {message.location.name ??
              `${message.location.latitude.toFixed(5)}, ${message.location.longitude.toFixed(5)}`}
          </span>
        </p>
      ) : null}
      {message.text ? (
        <p className="mt-1 break-words whitespace-pre-wrap" dir="auto">
          {message.text}
        </p>
      ) : null}
    </li>
  );
}
