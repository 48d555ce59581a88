import { errorHeadline } from '../../ui/error-text.ts';

/** What an error the runner reports means, in words, as every error notice says it (the class name stays in `data-error`). */
export const failureKind = errorHeadline;

/** A failed attempt as one line: `The script failed, line 1:1: cannot read …` (the position once, not again at the end). */
export function failureText(f: { name: string; message: string; line?: number | undefined; column?: number | undefined }): string {
  const where = f.line ? ` at ${f.line}:${f.column ?? 0}` : '';
  const message = where && f.message.endsWith(where) ? f.message.slice(0, -where.length) : f.message;
  return `${failureKind(f.name)}${f.line ? `, line ${f.line}:${f.column ?? 0}` : ''}: ${message}`;
}
