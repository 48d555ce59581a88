import { SyntaxConstraint } from '../../../workers/engines/decoding/syntax-constraint.ts';

/**
 * Where the syntax constraint refuses `script` written one character at a time (every prefix checked): the text
 * written so far (its end) and the refused character, or 'the end' when the whole script may not end; null if none.
 */
export function syntaxRefusal(script: string): string | null {
  const pieces = ['</s>', ...new Set(script)];
  const syntax = new SyntaxConstraint(pieces, [0]);
  for (const char of script) {
    if (!syntax.allows(pieces.indexOf(char))) return `${JSON.stringify(syntax.written.slice(-60))} + ${JSON.stringify(char)}`;
    syntax.accept(pieces.indexOf(char));
  }
  return syntax.allows(0) ? null : 'the end';
}
