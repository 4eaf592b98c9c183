import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../../components/toaster.tsx';
import { phoneInText } from '../../lib/format.ts';
import type { Session } from '../../lib/types.ts';
import { QrDialog } from './qr-dialog.tsx';

/** `starting`: a start was just requested, so a stopped status is about to change (show "getting a code"). */
type OpenQr = (sessionId: string, options?: { starting?: boolean }) => void;

const OpenQrContext = createContext<OpenQr | null>(null);

/** One QR dialog for the whole dashboard; any screen can open it for a session. */
export function QrDialogHost({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<{ sessionId: string; starting: boolean } | null>(null);
  const { t } = useTranslation();
  const toast = useToast();
  const close = useCallback(() => setTarget(null), []);
  const connected = useCallback(
    (session: Session) => {
      setTarget(null);
      toast.success(
        session.phone
          ? t('sessions.link.connectedAs', { name: session.name, phone: phoneInText(session.phone) })
          : t('sessions.link.connectedToast', { name: session.name }),
      );
    },
    [toast, t],
  );
  const open = useMemo<OpenQr>(
    () => (sessionId, options) => setTarget({ sessionId, starting: options?.starting ?? false }),
    [],
  );

  return (
    <OpenQrContext.Provider value={open}>
      {children}
      {target ? (
        <QrDialog
          key={target.sessionId}
          sessionId={target.sessionId}
          starting={target.starting}
          onClose={close}
          onConnected={connected}
        />
      ) : null}
    </OpenQrContext.Provider>
  );
}

export function useOpenQr(): OpenQr {
  const open = useContext(OpenQrContext);
  if (!open) throw new Error('useOpenQr needs <QrDialogHost> above it');
  return open;
}
