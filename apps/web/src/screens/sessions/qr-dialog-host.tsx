import { formatPhone } from '@switchboard/validators';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useToast } from '../../components/toaster.tsx';
import type { Session } from '../../lib/types.ts';
import { QrDialog } from './qr-dialog.tsx';

/** `starting`: a start was just requested, so a stopped status is about to change (show "getting a code"). */
type OpenQr = (sessionId: string, options?: { starting?: boolean }) => void;

const OpenQrContext = createContext<OpenQr | null>(null);

/** One QR dialog for the whole dashboard; any screen can open it for a session. */
export function QrDialogHost({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<{ sessionId: string; starting: boolean } | null>(null);
  const toast = useToast();
  const close = useCallback(() => setTarget(null), []);
  const connected = useCallback(
    (session: Session) => {
      setTarget(null);
      const as = session.phone ? ` as ${formatPhone(session.phone)}` : '';
      toast.success(`${session.name} is connected${as}.`);
    },
    [toast],
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
