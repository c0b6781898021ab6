import { describe, expect, it } from 'vitest';
import { mapColumns, readCsv, readNumber } from './import-file.js';

describe('reading an import file', () => {
  it('reads numbers as spreadsheets write them, in either convention', () => {
    const cases: [string, ',' | '.', number | null][] = [
      ['1,234,567.50', '.', 1_234_567.5],
      ['1.234.567,50', ',', 1_234_567.5],
      ['$ 12 000', '.', 12_000],
      ['€1.5', '.', 1.5],
      ['1,500', '.', 1_500],
      ['1,5', '.', 1.5],
      ['980.000', ',', 980_000],
      ['980.000', '.', 980],
      ['12,5', ',', 12.5],
      ['-3', '.', -3],
      ['twelve', '.', null],
      ['1e400', '.', null],
    ];
    for (const [text, decimalMark, expected] of cases) expect(readNumber(text, decimalMark), text).toBe(expected);
  });

  it('takes the separator the heading row uses most, and the decimal mark that goes with it', () => {
    expect(readCsv('\uFEFFName;City\nA;B\n')).toEqual({
      headings: ['Name', 'City'],
      rows: [['A', 'B']],
      decimalMark: ',',
    });
    expect(readCsv('Name,City\n"A, Inc",B\n').rows).toEqual([['A, Inc', 'B']]);
    expect(readCsv('Name\tCity\nA\tB\n').decimalMark).toBe('.');
  });

  it('maps columns by their headings, each field once, as the mapping says first', () => {
    const columns = mapColumns('accounts', ['Company Name', 'E-mail Address', 'Company', 'Town'], { Town: 'city' });
    expect(columns.map((column) => column.field)).toEqual(['name', 'email', null, 'city']);
  });
});
