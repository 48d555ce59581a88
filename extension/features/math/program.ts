/**
 * The program in a program-of-thought reply. Models wrap it in a code fence (```js, ```javascript, ``` or none),
 * sometimes forget to close it, sometimes write prose around it. We take the first fenced block; without a fence,
 * the lines from the first one that looks like code up to the `answer(...)` call (or the end). Never executed here:
 * the sandbox page's interpreter runs it.
 */

const MAX_PROGRAM_CHARS = 8_000;

const CODE_LINE = /^\s*(?:const|let|var|function|for|while|if|return|answer\s*\(|print\s*\(|\/\/|[A-Za-z_$][\w$]*\s*(?:[-+*/%]?=(?!=)|\+\+|--|\())/;

export interface ExtractedProgram {
  source: string;
  /** How it was found: a closed fence, a fence the model never closed, or bare code lines. */
  how: 'fence' | 'open-fence' | 'bare';
}

export function extractProgram(text: string): ExtractedProgram | null {
  const fence = /```[ \t]*([\w+-]*)[ \t]*\r?\n([\s\S]*?)(?:```|$)/.exec(text);
  if (fence && fence[2]!.trim()) {
    const closed = text.slice(fence.index + fence[0].length - 3, fence.index + fence[0].length) === '```';
    return { source: clip(fence[2]!), how: closed ? 'fence' : 'open-fence' };
  }
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => CODE_LINE.test(line));
  if (start < 0) return null;
  const out: string[] = [];
  for (const line of lines.slice(start)) {
    if (/^\s*(?:Question|Problem|Q)\s*:/i.test(line)) break;
    out.push(line);
    if (/^\s*answer\s*\(.*\)\s*;?\s*$/.test(line)) break;
  }
  const source = clip(out.join('\n'));
  return source.trim() ? { source, how: 'bare' } : null;
}

function clip(source: string): string {
  const trimmed = source.replace(/\s+$/, '');
  return trimmed.length > MAX_PROGRAM_CHARS ? trimmed.slice(0, MAX_PROGRAM_CHARS) : trimmed;
}
