import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';

/** One step of the campaign flow: a titled form whose footer saves and moves on. */
export function StepCard({
  title,
  description,
  children,
  error,
  submitLabel,
  busy = false,
  disabled = false,
  onSubmit,
  aside,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  error?: string | null;
  submitLabel?: string;
  busy?: boolean;
  disabled?: boolean;
  onSubmit: () => void;
  /** Beside the form on wide screens (a preview, a summary). */
  aside?: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const form = (
    <Card aria-label={title}>
      <form onSubmit={submit} noValidate>
        <div className="border-b border-zinc-100 px-5 py-4 dark:border-zinc-800">
          <h2 className="text-base font-semibold">{title}</h2>
          {description ? (
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
          ) : null}
        </div>
        <div className="space-y-5 px-5 py-5">{children}</div>
        <div className="flex flex-col gap-3 border-t border-zinc-100 px-5 py-4 sm:flex-row sm:items-center sm:justify-end dark:border-zinc-800">
          {error ? <ErrorNotice className="sm:me-auto">{error}</ErrorNotice> : null}
          <Button type="submit" variant="primary" loading={busy} disabled={disabled}>
            {submitLabel ?? t('campaigns.step.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
  if (!aside) return form;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      {form}
      <div className="space-y-6">{aside}</div>
    </div>
  );
}
