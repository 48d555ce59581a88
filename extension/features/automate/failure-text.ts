/** A failed attempt as one line: `ScriptRuntimeError at 1:1: cannot read …` (the position once, not again at the end). */
export function failureText(f: { name: string; message: string; line?: number | undefined; column?: number | undefined }): string {
  const where = f.line ? ` at ${f.line}:${f.column ?? 0}` : '';
  const message = where && f.message.endsWith(where) ? f.message.slice(0, -where.length) : f.message;
  return `${f.name}${where}: ${message}`;
}
