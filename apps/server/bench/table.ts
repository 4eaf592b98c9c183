/** One line of the benchmark table: Switchboard's figure beside a ceiling measured in the same run. */
export interface Row {
  what: string;
  switchboard: string;
  ceiling: string;
  ratio: string;
}

const HEADER: Row = {
  what: 'what',
  switchboard: 'Switchboard',
  ceiling: 'ceiling in the same run',
  ratio: 'ratio',
};

const cells = (row: Row) => [row.what, row.switchboard, row.ceiling, row.ratio];

/** The table as Markdown (what the README shows), columns padded so it also reads well in a terminal. */
export function formatTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows].map(cells);
  const widths = cells(HEADER).map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}
