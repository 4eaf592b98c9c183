import {
  ArrowDownLeft,
  Check,
  CheckCheck,
  CircleAlert,
  CircleHelp,
  Clock,
  type LucideIcon,
  Play,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { TONE_BADGE } from '../../components/tone.ts';
import { MESSAGE_STATUS_META } from '../../lib/message-status.ts';
import type { MessageStatus } from '../../lib/types.ts';

const ICON: Record<MessageStatus, LucideIcon> = {
  queued: Clock,
  sent: Check,
  delivered: CheckCheck,
  read: CheckCheck,
  played: Play,
  failed: CircleAlert,
  unknown: CircleHelp,
  received: ArrowDownLeft,
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  // Subscribed to the language: the label is read from the catalogue shown now.
  useTranslation();
  const meta = MESSAGE_STATUS_META[status];
  const Icon = ICON[status];
  return (
    <span
      data-testid="message-status"
      data-status={status}
      title={meta.hint}
      className={cx(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONE_BADGE[meta.tone],
      )}
    >
      <Icon aria-hidden className="size-3.5" />
      {meta.label}
    </span>
  );
}
