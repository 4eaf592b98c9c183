/**
 * CSV as spreadsheets export it: comma, semicolon or tab separated (guessed from the header line), fields
 * in double quotes with "" for a quote, CRLF or LF line ends, an optional byte-order mark. Blank lines are
 * skipped. Shared by the dashboard (for the preview and column mapping) and the server (for the import).
 */

export interface CsvTable {
  header: string[];
  /** Each row with its 1-based line number in the file (counting the header as line 1). */
  rows: Array<{ line: number; cells: string[] }>;
  delimiter: ',' | ';' | '\t';
}

export function detectDelimiter(firstLine: string): CsvTable['delimiter'] {
  const counts = ([',', ';', '\t'] as const).map((d) => ({ d, n: firstLine.split(d).length }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

export function parseCsv(text: string): CsvTable {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const newline = source.search(/\r?\n/);
  const delimiter = detectDelimiter(newline === -1 ? source : source.slice(0, newline));
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    cells.push(field);
    if (cells.length > 1 || cells[0]?.trim()) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      cells.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== '' || cells.length > 0) endRecord();
  const [head, ...rows] = records;
  return { header: (head?.cells ?? []).map((h) => h.trim()), rows, delimiter };
}

/** The column that most likely holds phone numbers: by its name, else by what its first values look like. */
export function guessPhoneColumn(table: CsvTable): number | null {
  const byName = table.header.findIndex((h) =>
    /^(phone|mobile|number|tel|telephone|whatsapp|cell|msisdn|telefone|telefon|celular|nomor|handy)/i.test(h),
  );
  if (byName !== -1) return byName;
  const sample = table.rows.slice(0, 20);
  for (let column = 0; column < table.header.length; column++) {
    const phoneLike = sample.filter((r) => /^\+?[\d\s().-]{7,20}$/.test(r.cells[column]?.trim() ?? ''));
    if (sample.length > 0 && phoneLike.length >= Math.ceil(sample.length / 2)) return column;
  }
  return null;
}

/** One CSV line of plain values, comma-separated, quoted where needed (for files read back by a program). */
function csvRow(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n;]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
}

/**
 * A CSV file as pieces of at most about `maxChars` characters, each with the header line, so a large file can
 * be sent in several requests. Quoted line breaks stay inside their field.
 */
export function splitCsv(text: string, maxChars: number): string[] {
  const table = parseCsv(text);
  const header = csvRow(table.header);
  const chunks: string[] = [];
  let lines: string[] = [];
  let size = header.length;
  for (const row of table.rows) {
    const line = csvRow(row.cells);
    if (lines.length > 0 && size + line.length + 1 > maxChars) {
      chunks.push([header, ...lines].join('\n'));
      lines = [];
      size = header.length;
    }
    lines.push(line);
    size += line.length + 1;
  }
  if (lines.length > 0) chunks.push([header, ...lines].join('\n'));
  return chunks;
}

/** Quotes a value for a CSV file when it needs it; values that a spreadsheet would run as formulas are defused. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string' && !/^\+?\d[\d\s]*$/.test(text))
    text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
