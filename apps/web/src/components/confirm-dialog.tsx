import type { LucideIcon } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors.ts';
import { Button } from './button.tsx';
import { Dialog, DialogActions } from './dialog.tsx';
import { ErrorNotice } from './error-notice.tsx';

interface ConfirmDialogProps {
  title: string;
  /** The consequence, spelled out. */
  children: ReactNode;
  confirmLabel: string;
  confirmIcon?: LucideIcon;
  tone?: 'danger' | 'primary';
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** Asks before something that cannot be taken back; stays open with the server's words if it fails. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  confirmIcon,
  tone = 'danger',
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose} size="sm">
      <div className="space-y-3 text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
      {error ? <ErrorNotice className="mt-4">{error}</ErrorNotice> : null}
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant={tone} icon={confirmIcon} loading={busy} onClick={confirm} autoFocus>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
