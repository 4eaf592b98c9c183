import { ChevronDown } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { phoneInText } from '../lib/format.ts';
import { STATUS_META } from '../lib/session-status.ts';
import type { Session } from '../lib/types.ts';
import { cx } from './cx.ts';
import { selectClass } from './field.tsx';
import { Phone } from './phone.tsx';
import { TONE_DOT } from './tone.ts';

/** "Sales · +49 1512 3456789 — Connected": how an account reads in every list of accounts. */
function sessionOptionLabel(session: Pick<Session, 'name' | 'phone'>, statusLabel: string): string {
  return `${session.name}${session.phone ? ` · ${phoneInText(session.phone)}` : ''} — ${statusLabel}`;
}

/**
 * Every account's label. Numbers are formatted once each (`formatPhone` remembers them) and each status is
 * translated once, not once per account: a thousand accounts share eight status labels.
 */
function optionLabels(sessions: readonly Session[]): Map<string, string> {
  const statusLabels = new Map(Object.entries(STATUS_META).map(([status, meta]) => [status, meta.label]));
  return new Map(sessions.map((s) => [s.id, sessionOptionLabel(s, statusLabels.get(s.status)!)]));
}

/** A choice of account that always shows each one's number and status, live. */
export function SessionSelect({
  id,
  sessions,
  value,
  onChange,
  placeholder,
  allLabel,
  disabled,
  describedBy,
}: {
  id: string;
  sessions: readonly Session[];
  value: string | null;
  onChange: (id: string | null) => void;
  /** Shown (and not choosable) while nothing is chosen. */
  placeholder?: string;
  /** An extra first option meaning "every account". */
  allLabel?: string;
  /** Accounts that may not be chosen (still listed, so the operator sees why). */
  disabled?: (session: Session) => boolean;
  describedBy?: string;
}) {
  // A screen re-renders its picker on every live event; a thousand accounts' labels are made again only
  // when the accounts or the language change.
  const { i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the status in each label is in this language
  const labels = useMemo(() => optionLabels(sessions), [sessions, i18n.language]);
  return (
    <div className="relative">
      <select
        id={id}
        aria-describedby={describedBy}
        className={selectClass}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
      >
        {allLabel ? <option value="">{allLabel}</option> : null}
        {!allLabel && !value ? (
          <option value="" disabled>
            {placeholder ?? 'Choose a session'}
          </option>
        ) : null}
        {sessions.map((s) => (
          <option key={s.id} value={s.id} disabled={disabled?.(s)}>
            {labels.get(s.id)}
          </option>
        ))}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
      />
    </div>
  );
}

/** An account named inline: its name, number and a dot in its status colour (with the status for screen readers). */
export function SessionTag({ session, className }: { session: Session; className?: string }) {
  const meta = STATUS_META[session.status];
  return (
    <span className={cx('inline-flex min-w-0 items-center gap-1.5', className)} data-testid="session-tag">
      <span
        aria-hidden
        className={cx('size-2 shrink-0 rounded-full', TONE_DOT[meta.tone], meta.transient && 'animate-pulse')}
      />
      <span className="truncate">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{session.name}</span>
        {session.phone ? (
          <span className="text-zinc-500 dark:text-zinc-400">
            {' '}
            · <Phone digits={session.phone} />
          </span>
        ) : null}
        <span className="sr-only"> ({meta.label})</span>
      </span>
      {session.status !== 'connected' ? (
        <span className="shrink-0 text-xs font-medium text-amber-700 dark:text-amber-400">{meta.label}</span>
      ) : null}
    </span>
  );
}
