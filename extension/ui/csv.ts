/**
 * One CSV cell: quoted when it holds a comma, quote, CR or LF; text a spreadsheet would run as a formula (=, +, -, @,
 * tab or CR first, also after spaces, which importers may trim: a model's reply, a user's prompt) gets a leading
 * apostrophe. Numbers stay numbers, negative ones and numeric strings such as "-5" included.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value !== 'number' && /^[ \u00a0]*[=+\-@\t\r]/.test(text) && !/^\s*[+-]?\d+(\.\d+)?(e[+-]?\d+)?\s*$/i.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
