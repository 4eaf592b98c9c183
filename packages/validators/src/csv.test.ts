import { describe, expect, it } from 'vitest';
import { csvCell, guessPhoneColumn, parseCsv, splitCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark, skipping blank lines', () => {
    const table = parseCsv(
      '\uFEFFname,phone,note\r\n"Lee, Ana",+351 912 345 678,"said ""hi"""\r\n\r\nBo,+49151,\n',
    );
    expect(table.header).toEqual(['name', 'phone', 'note']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['Lee, Ana', '+351 912 345 678', 'said "hi"'] },
      { line: 4, cells: ['Bo', '+49151', ''] },
    ]);
  });

  it('detects semicolons and tabs from the header line', () => {
    expect(parseCsv('a;b\n1;2').rows[0]?.cells).toEqual(['1', '2']);
    expect(parseCsv('a\tb\n1\t2').delimiter).toBe('\t');
  });

  it('counts lines inside quoted fields so row numbers match the file', () => {
    const table = parseCsv('n,p\n"two\nlines",1\nx,2');
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('guesses the phone column by name, else by its values', () => {
    expect(guessPhoneColumn(parseCsv('name,Mobile\nA,1'))).toBe(1);
    expect(guessPhoneColumn(parseCsv('who,n\nA,+4915112345678\nB,+4915112345679'))).toBe(1);
    expect(guessPhoneColumn(parseCsv('who,city\nA,Porto'))).toBeNull();
  });
});

describe('csvCell', () => {
  it('quotes what needs it and defuses formulas, but keeps phone numbers', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+4915112345678')).toBe('+4915112345678');
    expect(csvCell(null)).toBe('');
  });
});

describe('splitCsv', () => {
  it('cuts a file into pieces that each carry the header and read back to the same rows', () => {
    const text = ['phone;name', ...Array.from({ length: 50 }, (_, i) => `+49151${i};"Name; ${i}"`)].join(
      '\n',
    );
    const pieces = splitCsv(text, 200);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
    const rows = pieces.flatMap((p) => parseCsv(p).rows.map((r) => r.cells));
    expect(rows).toEqual(parseCsv(text).rows.map((r) => r.cells));
    expect(parseCsv(pieces[1]!).header).toEqual(['phone', 'name']);
  });
});
