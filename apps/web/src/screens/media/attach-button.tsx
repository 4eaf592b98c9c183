import { Paperclip } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';
import { pickFile } from '../../lib/attachment.ts';

/** A square icon button beside a message field (attach a file, share a place). */
export const TOOL_BUTTON =
  'inline-flex size-10 shrink-0 items-center justify-center rounded-lg text-zinc-500 ring-1 ring-inset ring-zinc-300 transition-colors hover:bg-zinc-100 hover:text-zinc-800 disabled:cursor-not-allowed disabled:opacity-50 dark:text-zinc-400 dark:ring-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-100';

/** A paperclip that opens the file picker; the chosen file goes to `onFile`. */
export function AttachButton({
  onFile,
  disabled,
  className,
}: {
  onFile: (file: File) => void;
  disabled?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={disabled}
        aria-label={t('media.attach')}
        title={t('media.attachHint')}
        className={cx(TOOL_BUTTON, className)}
      >
        <Paperclip aria-hidden className="size-[18px]" />
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          const file = pickFile(event.target.files);
          // Cleared so picking the same file again still counts as a change.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
