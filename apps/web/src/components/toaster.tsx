import { CircleCheck, Info, X } from 'lucide-react';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx.ts';

interface Toast {
  id: number;
  tone: 'success' | 'info';
  text: string;
}

interface ToastApi {
  success(text: string): void;
  info(text: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);

const LIFETIME_MS = 6000;

/** Short confirmations ("Sales is connected") in a polite live region; errors stay next to what failed. */
export function Toaster({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)),
    [],
  );
  const push = useCallback(
    (tone: Toast['tone'], text: string) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { id, tone, text }]);
      window.setTimeout(() => dismiss(id), LIFETIME_MS);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({ success: (text) => push('success', text), info: (text) => push('info', text) }),
    [push],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label={t('common.notifications')}
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
      >
        {toasts.map((toast) => {
          const Icon = toast.tone === 'success' ? CircleCheck : Info;
          return (
            <div
              key={toast.id}
              role="status"
              className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl bg-zinc-900 px-4 py-3 text-sm text-white shadow-lg ring-1 ring-white/10 dark:bg-zinc-800"
            >
              <Icon
                aria-hidden
                className={cx(
                  'mt-0.5 size-4 shrink-0',
                  toast.tone === 'success' ? 'text-emerald-400' : 'text-sky-400',
                )}
              />
              <p className="min-w-0 flex-1">{toast.text}</p>
              <button
                type="button"
                onClick={() => dismiss(toast.id)}
                aria-label={t('common.dismiss')}
                className="-m-1 rounded p-1 text-zinc-400 hover:text-white"
              >
                <X aria-hidden className="size-4" />
              </button>
            </div>
          );
        })}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs <Toaster> above it');
  return api;
}
