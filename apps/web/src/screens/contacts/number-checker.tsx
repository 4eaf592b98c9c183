import { MAX_NUMBER_CHECKS } from '@switchboard/validators';
import { CircleCheck, CircleHelp, CircleX, ListChecks } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { Phone } from '../../components/phone.tsx';
import { sayCoded } from '../../lib/coded.ts';
import { errorMessage } from '../../lib/errors.ts';
import { numbersInList } from '../../lib/number-list.ts';
import type { NumberCheckLine, Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

type Verdict = 'on' | 'off' | 'invalid';
const verdictOf = (line: NumberCheckLine): Verdict =>
  line.onWhatsApp === null ? 'invalid' : line.onWhatsApp ? 'on' : 'off';

const VERDICT_LOOK = {
  on: { icon: CircleCheck, className: 'text-emerald-700 dark:text-emerald-400' },
  off: { icon: CircleX, className: 'text-red-700 dark:text-red-400' },
  invalid: { icon: CircleHelp, className: 'text-amber-700 dark:text-amber-400' },
} as const;

/** A pasted list of numbers, checked on WhatsApp through one account: which are on it, which not, which are no numbers. */
export function NumberChecker({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const entries = numbersInList(text);
  const check = trpc.sessions.checkNumbers.useMutation();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (entries.length === 0) return setProblem(t('contacts.check.empty'));
    if (entries.length > MAX_NUMBER_CHECKS)
      return setProblem(t('contacts.check.tooMany', { count: entries.length, max: MAX_NUMBER_CHECKS }));
    setProblem(null);
    check.mutate({ id: session.id, phones: entries });
  };

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:gap-6">
      <Card className="p-4 sm:p-5">
        <form onSubmit={submit} className="space-y-4">
          <TextAreaField
            label={t('contacts.check.label')}
            hint={t('contacts.check.hint', { max: MAX_NUMBER_CHECKS, name: session.name })}
            error={problem}
            aside={
              <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {t('contacts.check.entries', { count: entries.length })}
              </span>
            }
            value={text}
            onChange={(e) => setText(e.target.value)}
            dir="ltr"
            rows={8}
            placeholder={'+49 151 2345 6789\n+1 415 555 0101'}
            className="font-mono"
          />
          <Button type="submit" variant="primary" icon={ListChecks} loading={check.isPending}>
            {t('contacts.check.submit')}
          </Button>
        </form>
      </Card>
      {check.error ? <ErrorNotice>{errorMessage(check.error)}</ErrorNotice> : null}
      {check.data ? <Results lines={check.data} /> : null}
    </div>
  );
}

function Results({ lines }: { lines: NumberCheckLine[] }) {
  const { t } = useTranslation();
  const counts = { on: 0, off: 0, invalid: 0 };
  for (const line of lines) counts[verdictOf(line)] += 1;
  return (
    <Card className="overflow-hidden" aria-live="polite">
      <CardHeader title={t('contacts.check.results')} />
      <p className="flex flex-wrap gap-x-4 gap-y-1 border-b border-zinc-100 px-5 py-2.5 text-sm dark:border-zinc-800">
        {(['on', 'off', 'invalid'] as const).map((verdict) => (
          <span key={verdict} className={cx('font-medium', VERDICT_LOOK[verdict].className)}>
            {t(`contacts.check.count.${verdict}`, { count: counts[verdict] })}
          </span>
        ))}
      </p>
      <ul aria-label={t('contacts.check.results')} className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {lines.map((line, index) => {
          const verdict = verdictOf(line);
          const { icon: Icon, className } = VERDICT_LOOK[verdict];
          return (
            <li
              // The same number may be pasted twice: the position tells the lines apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
              key={index}
              className="flex items-start gap-3 px-4 py-2.5 sm:px-5"
              data-testid="number-check"
              data-verdict={verdict}
            >
              <Icon aria-hidden className={cx('mt-0.5 size-4 shrink-0', className)} />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">
                  {line.phone ? <Phone digits={line.phone} /> : <bdi dir="ltr">{line.input}</bdi>}
                </p>
                {line.problem ? (
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    {sayCoded(line.problem, line.problemCoded)}
                  </p>
                ) : null}
              </div>
              <span className={cx('shrink-0 text-xs font-semibold', className)}>
                {t(`contacts.check.verdict.${verdict}`)}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
