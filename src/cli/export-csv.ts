/**
 * The CSV of `arising export`, written by csv-stringify so quoting follows RFC 4180: fields with commas,
 * quotes or new lines are quoted, quotes doubled, rows end with CRLF. A UTF-8 byte-order mark makes Excel
 * read accents and dashes right. A field that a spreadsheet would run as a formula (it starts with = + -
 * or @, as `@U123` owners do) gets a leading apostrophe, so it shows as text and nothing is executed.
 */
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, type ExportRow } from '../core/export/export-rows';

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number): string | number {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

export function exportCsv(rows: readonly ExportRow[]): string {
  const records = rows.map((row) => EXPORT_COLUMNS.map((c) => cell(row[c.key])));
  return stringify(records, {
    bom: true,
    header: true,
    columns: EXPORT_COLUMNS.map((c) => c.header),
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the whole CRLF delimiter, but not a lone \n or \r; a
    // spreadsheet would start a new row there, so any line break is quoted too.
    quoted_match: /[\r\n]/,
  });
}
