import { type CsvTable, guessPhoneColumn, parseCsv, splitCsv } from '@switchboard/validators';
import { ChevronDown, FileUp } from 'lucide-react';
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { selectClass } from '../../components/field.tsx';
import { mergeReports } from '../../lib/campaigns.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount } from '../../lib/format.ts';
import type { ImportReport } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/** The server takes CSV text up to 1 MiB per request; larger files go in pieces of this size. */
const PIECE_CHARS = 900_000;
const PREVIEW_ROWS = 5;

function ColumnSelect({
  label,
  header,
  value,
  onChange,
  optional,
}: {
  label: string;
  header: string[];
  value: number | null;
  onChange: (index: number | null) => void;
  optional?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <div className="relative">
        <select
          id={id}
          className={selectClass}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="" disabled={!optional}>
            {optional ? t('audience.csv.none') : t('audience.csv.chooseColumn')}
          </option>
          {header.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional (headers may repeat or be empty)
            <option key={i} value={i}>
              {h || t('audience.csv.column', { number: i + 1 })}
            </option>
          ))}
        </select>
        <ChevronDown
          aria-hidden
          className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-500"
        />
      </div>
    </div>
  );
}

/**
 * A CSV file read in the browser: the operator maps the phone column (required) and a name column, sees the
 * first rows, and adds them. Every other column becomes a variable of the message, by its header.
 */
export function CsvImport({
  campaignId,
  onImported,
}: {
  campaignId: string;
  onImported: (r: ImportReport) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; text: string; table: CsvTable } | null>(null);
  const [phone, setPhone] = useState<number | null>(null);
  const [name, setName] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addAudience = trpc.campaigns.addAudience.useMutation();
  const inputId = useId();

  const read = async (picked: File | undefined) => {
    setError(null);
    if (!picked) return;
    const text = await picked.text();
    const table = parseCsv(text);
    if (table.header.length === 0 || table.rows.length === 0) {
      setFile(null);
      setError(t('audience.csv.noRows', { file: picked.name }));
      return;
    }
    setFile({ name: picked.name, text, table });
    setPhone(guessPhoneColumn(table));
    const nameIndex = table.header.findIndex((h) => /^(name|first.?name|nome|nombre)$/i.test(h.trim()));
    setName(nameIndex === -1 ? null : nameIndex);
  };

  const submit = async () => {
    if (!file || phone === null) return setError(t('audience.csv.phoneMissing'));
    setBusy(true);
    setError(null);
    const phoneColumn = file.table.header[phone] ?? '';
    const nameColumn = name === null ? null : (file.table.header[name] ?? null);
    const pieces = file.text.length > PIECE_CHARS ? splitCsv(file.text, PIECE_CHARS) : [file.text];
    const reports: Array<{ report: ImportReport; rowsBefore: number }> = [];
    let rowsBefore = 0;
    try {
      for (const csv of pieces) {
        const report = await addAudience.mutateAsync({
          id: campaignId,
          source: { type: 'csv', csv, phoneColumn, nameColumn },
        });
        reports.push({ report, rowsBefore });
        rowsBefore += parseCsv(csv).rows.length;
      }
      setFile(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      if (reports.length > 0) onImported(mergeReports(reports));
    }
  };

  if (!file)
    return (
      <div className="space-y-3">
        <label
          htmlFor={inputId}
          className="flex cursor-pointer flex-col items-center gap-2 rounded-xl border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600 hover:border-emerald-500 hover:bg-emerald-50/40 dark:border-zinc-700 dark:text-zinc-400 dark:hover:bg-emerald-950/20"
        >
          <FileUp aria-hidden className="size-6 text-emerald-600" />
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{t('audience.csv.choose')}</span>
          <span className="text-xs">{t('audience.csv.chooseHint')}</span>
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,.txt,text/csv"
          className="sr-only"
          data-testid="csv-file"
          onChange={(e) => void read(e.target.files?.[0])}
        />
        {error ? <ErrorNotice>{error}</ErrorNotice> : null}
      </div>
    );

  const { header, rows } = file.table;
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        <Trans
          i18nKey="audience.csv.summary"
          values={{ file: file.name, rows: formatCount(rows.length), count: header.length }}
          components={{ strong: <span className="font-medium" /> }}
        />
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <ColumnSelect
          label={t('audience.csv.phoneColumn')}
          header={header}
          value={phone}
          onChange={setPhone}
        />
        <ColumnSelect
          label={t('audience.csv.nameColumn')}
          header={header}
          value={name}
          onChange={setName}
          optional
        />
      </div>
      <div className="overflow-x-auto rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-800">
        <table className="w-full text-start text-xs" aria-label={t('audience.csv.firstRows')}>
          <thead className="bg-zinc-50 text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-400">
            <tr>
              {header.map((h, i) => (
                <th
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional (headers may repeat or be empty)
                  key={i}
                  className={cx(
                    'px-3 py-2 font-medium whitespace-nowrap',
                    i === phone && 'text-emerald-700 dark:text-emerald-400',
                  )}
                >
                  {i === phone
                    ? t('audience.csv.phoneHeader', { header: h })
                    : i === name
                      ? t('audience.csv.nameHeader', { header: h })
                      : `{{${h}}}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.slice(0, PREVIEW_ROWS).map((row) => (
              <tr key={row.line}>
                {header.map((_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional (headers may repeat or be empty)
                  <td key={i} className="max-w-48 truncate px-3 py-1.5 whitespace-nowrap">
                    {row.cells[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={() => setFile(null)} disabled={busy}>
          {t('audience.csv.another')}
        </Button>
        <Button variant="primary" loading={busy} onClick={() => void submit()}>
          {t('audience.csv.add', { count: rows.length, rows: formatCount(rows.length) })}
        </Button>
      </div>
    </div>
  );
}
