import {
  CircleAlert,
  CircleCheck,
  CircleStop,
  KeyRound,
  LoaderCircle,
  LogOut,
  type LucideIcon,
  QrCode,
  RefreshCw,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { STATUS_META } from '../lib/session-status.ts';
import type { SessionStatus } from '../lib/types.ts';
import { cx } from './cx.ts';
import { TONE_BADGE } from './tone.ts';

const ICON: Record<SessionStatus, LucideIcon> = {
  stopped: CircleStop,
  starting: LoaderCircle,
  qr: QrCode,
  authenticating: KeyRound,
  connected: CircleCheck,
  reconnecting: RefreshCw,
  logged_out: LogOut,
  failed: CircleAlert,
};

/** The session's status in words, with a colour and an icon that say the same thing. */
export function StatusBadge({ status, className }: { status: SessionStatus; className?: string }) {
  // Subscribed to the language: the label is read from the catalogue shown now.
  useTranslation();
  const meta = STATUS_META[status];
  const Icon = ICON[status];
  const spins = status === 'starting' || status === 'reconnecting' || status === 'authenticating';
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={cx(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONE_BADGE[meta.tone],
        className,
      )}
    >
      <Icon aria-hidden className={cx('size-3.5', spins && status !== 'authenticating' && 'animate-spin')} />
      {meta.label}
    </span>
  );
}
