import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from 'react';
import { cx } from './cx.ts';

const CONTROL =
  'block w-full rounded-lg border-0 bg-white px-3 py-2 text-base text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-emerald-600 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500 sm:text-sm dark:bg-zinc-950 dark:text-zinc-100 dark:ring-zinc-700 dark:placeholder:text-zinc-500 dark:focus:ring-emerald-500 dark:disabled:bg-zinc-900';
const INVALID = 'ring-red-500 focus:ring-red-600 dark:ring-red-500';

interface FieldShellProps {
  label: string;
  hint?: ReactNode;
  /** Shown only when set; makes the control invalid. */
  error?: string | null;
  /** Right-aligned beside the label, e.g. a character count. */
  aside?: ReactNode;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

function FieldShell({ label, hint, error, aside, children }: FieldShellProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // The hint gives way to the error: one message under a field at a time.
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {aside}
      </div>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p id={errorId} className="mt-1.5 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {hint && !error ? (
        <p id={hintId} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & Omit<FieldShellProps, 'children'>;

export function TextField({ label, hint, error, aside, className, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} aside={aside}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={cx(CONTROL, invalid && INVALID, className)}
          {...input}
        />
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> &
  Omit<FieldShellProps, 'children'>;

export function TextAreaField({ label, hint, error, aside, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} aside={aside}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={cx(CONTROL, 'min-h-28 resize-y', invalid && INVALID, className)}
          {...textarea}
        />
      )}
    </FieldShell>
  );
}

/** A text input's look, for inputs that are not laid out as a labelled field (e.g. a search box). */
export const inputClass = CONTROL;
export const selectClass = cx(CONTROL, 'appearance-none pe-10');
