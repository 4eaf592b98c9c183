import { Check, Copy, KeyRound } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from './button.tsx';

/**
 * A secret the server shows this once (a webhook's signing secret, an API key): the warning, the value in a
 * read-only field, and a button that copies it.
 */
export function ShownOnce({ label, secret }: { label: string; secret: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      field.current?.select();
    }
  };
  return (
    <>
      <div className="flex gap-2.5 rounded-lg bg-amber-50 px-3 py-2.5 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20 dark:bg-amber-950 dark:text-amber-200">
        <KeyRound aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          <Trans i18nKey="common.shownOnce" components={{ strong: <strong className="font-semibold" /> }} />
        </p>
      </div>
      <label htmlFor={fieldId} className="mt-4 mb-1.5 block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={fieldId}
          ref={field}
          readOnly
          dir="ltr"
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-lg border-0 bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300 dark:bg-zinc-950 dark:text-zinc-100 dark:ring-zinc-700"
        />
        <Button icon={copied ? Check : Copy} onClick={copy}>
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
    </>
  );
}
