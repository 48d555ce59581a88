import { errorHeadline } from '../../ui/error-text.ts';

/**
 * A failed attempt as one line, in the words every error notice uses (the class name stays in `data-error`):
 * `The script failed, line 1:1: cannot read …` (the position once, not again at the end).
 */
export function failureText(f: { name: string; message: string; line?: number | undefined; column?: number | undefined }): string {
  const where = f.line ? ` at ${f.line}:${f.column ?? 0}` : '';
  const message = where && f.message.endsWith(where) ? f.message.slice(0, -where.length) : f.message;
  return `${errorHeadline(f.name)}${f.line ? `, line ${f.line}:${f.column ?? 0}` : ''}: ${message}`;
}
