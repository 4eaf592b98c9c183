import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx.ts';

/** Past about this much, a message is shown folded to its first lines until someone asks for the rest. */
const LONG_CHARACTERS = 600;
const LONG_LINES = 10;

const isLongText = (text: string): boolean =>
  text.length > LONG_CHARACTERS || text.split('\n').length > LONG_LINES;

/** A message's text, long ones folded with "Show more" (and "Show less" once unfolded). */
export function LongText({ text, className }: { text: string; className?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const long = isLongText(text);
  return (
    <div className={className}>
      {/* A message reads in its own direction, whatever the dashboard's language. */}
      <p dir="auto" className={cx('break-words whitespace-pre-wrap', long && !open && 'line-clamp-8')}>
        {text}
      </p>
      {long ? (
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="mt-1 text-xs font-semibold underline-offset-2 opacity-80 hover:underline hover:opacity-100"
        >
          {open ? t('common.showLess') : t('common.showMore')}
        </button>
      ) : null}
    </div>
  );
}
