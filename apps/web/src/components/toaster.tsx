import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx.ts';

type Tone = 'success' | 'info' | 'error';

/** A button in the toast ("Open"), which also dismisses it. */
export interface ToastAction {
  label: string;
  onClick: () => void;
}

interface Toast {
  id: number;
  tone: Tone;
  text: string;
  action?: ToastAction;
}

interface ToastApi {
  success(text: string, action?: ToastAction): void;
  info(text: string, action?: ToastAction): void;
  /** Red, and announced at once: something the operator needs to act on went wrong. */
  error(text: string, action?: ToastAction): void;
}

const ICONS = { success: CircleCheck, info: Info, error: CircleAlert } as const;

const ToastContext = createContext<ToastApi | null>(null);

const LIFETIME_MS = 6000;

/**
 * Short notes ("Sales is connected", "New message from Grace") in a live region, wherever the operator is;
 * errors that belong to a form stay next to what failed, the rest (a send that failed later, a session that
 * failed) come as red toasts.
 */
export function Toaster({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)),
    [],
  );
  const push = useCallback(
    (tone: Tone, text: string, action?: ToastAction) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { id, tone, text, action }]);
      // A failure stays twice as long: it may need reading and acting on.
      window.setTimeout(() => dismiss(id), tone === 'error' ? LIFETIME_MS * 2 : LIFETIME_MS);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      success: (text, action) => push('success', text, action),
      info: (text, action) => push('info', text, action),
      error: (text, action) => push('error', text, action),
    }),
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
          const Icon = ICONS[toast.tone];
          const action = toast.action;
          return (
            <div
              key={toast.id}
              role={toast.tone === 'error' ? 'alert' : 'status'}
              data-tone={toast.tone}
              className={cx(
                'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl px-4 py-3 text-sm text-white shadow-lg ring-1',
                toast.tone === 'error'
                  ? 'bg-red-700 ring-red-900/20 dark:bg-red-800'
                  : 'bg-zinc-900 ring-white/10 dark:bg-zinc-800',
              )}
            >
              <Icon
                aria-hidden
                className={cx(
                  'mt-0.5 size-4 shrink-0',
                  toast.tone === 'success' && 'text-emerald-400',
                  toast.tone === 'info' && 'text-sky-400',
                  toast.tone === 'error' && 'text-red-100',
                )}
              />
              <p className="min-w-0 flex-1 break-words">{toast.text}</p>
              {action ? (
                <button
                  type="button"
                  onClick={() => {
                    dismiss(toast.id);
                    action.onClick();
                  }}
                  className="-my-0.5 shrink-0 rounded-md px-2 py-0.5 font-semibold text-white underline-offset-2 hover:underline"
                >
                  {action.label}
                </button>
              ) : null}
              <button
                type="button"
                onClick={() => dismiss(toast.id)}
                aria-label={t('common.dismiss')}
                className={cx(
                  '-m-1 rounded p-1 hover:text-white',
                  toast.tone === 'error' ? 'text-red-100' : 'text-zinc-400',
                )}
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
