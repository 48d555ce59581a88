/**
 * Syntax highlighting for the script shown in the side panel: acorn's own tokenizer splits the source into tokens,
 * each becomes a span with a kind (rendered as a class, never as HTML). The spans always cover the whole source, in
 * order, so the text shown is exactly what the model wrote; where the tokenizer gives up (broken model output such as
 * an unterminated string), the rest of the source becomes one `invalid` span.
 */
import { tokenizer, type Token } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../protocol/script-api.ts';

export type SpanKind = 'keyword' | 'literal' | 'string' | 'number' | 'element' | 'name' | 'punct' | 'comment' | 'plain' | 'invalid';

export interface Span {
  kind: SpanKind;
  text: string;
}

const LITERAL_KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'null']);
/** The longest source we tokenize; longer scripts are shown plain (the interpreter refuses them anyway). */
const MAX_HIGHLIGHT = 20_000;

function kindOf(token: Token): SpanKind {
  const type = token.type;
  if (type.keyword) return LITERAL_KEYWORDS.has(type.keyword) ? 'literal' : 'keyword';
  switch (type.label) {
    case 'string':
    case 'template':
    case '`':
      return 'string';
    case 'num':
    case 'bigint':
      return 'number';
    case 'regexp':
      return 'invalid';
    case 'name': {
      const value: unknown = (token as Token & { value?: unknown }).value;
      if (typeof value === 'string' && value.startsWith('$')) return 'element';
      // let/of/undefined come as names from acorn.
      return ['let', 'of', 'async', 'await', 'undefined'].includes(String(value)) ? 'keyword' : 'name';
    }
    default:
      return 'punct';
  }
}

/** Tokens and comments as [start, end, kind], in source order, up to where tokenizing failed. */
function scan(source: string): { marks: Array<[number, number, SpanKind]>; failedAt: number | null } {
  const marks: Array<[number, number, SpanKind]> = [];
  const comments: Array<[number, number, SpanKind]> = [];
  let failedAt: number | null = null;
  try {
    const tokens = tokenizer(source, {
      ecmaVersion: SCRIPT_ECMA_VERSION, allowHashBang: false, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true,
      onComment: (_block, _text, start, end) => comments.push([start, end, 'comment']),
    });
    for (let token = tokens.getToken(); token.type.label !== 'eof'; token = tokens.getToken()) {
      if (token.end > token.start) marks.push([token.start, token.end, kindOf(token)]);
    }
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    failedAt = typeof pos === 'number' && pos >= 0 && pos <= source.length ? pos : marks.at(-1)?.[1] ?? 0;
  }
  const all = [...marks, ...comments].sort((a, b) => a[0] - b[0]);
  return { marks: all, failedAt };
}

/** The source as spans: highlighted tokens, the text between them as `plain`, a broken tail as `invalid`. */
export function highlightSpans(source: string): Span[] {
  if (source.length > MAX_HIGHLIGHT) return source ? [{ kind: 'plain', text: source }] : [];
  const { marks, failedAt } = scan(source);
  const spans: Span[] = [];
  const push = (kind: SpanKind, text: string) => {
    if (!text) return;
    const last = spans.at(-1);
    if (last && last.kind === kind && kind === 'plain') last.text += text;
    else spans.push({ kind, text });
  };
  let at = 0;
  const stop = failedAt ?? source.length;
  for (const [start, end, kind] of marks) {
    if (start < at || start >= stop) continue;
    push('plain', source.slice(at, start));
    push(kind, source.slice(start, Math.min(end, stop)));
    at = Math.min(end, stop);
  }
  if (failedAt !== null) {
    // Whitespace before the broken part stays plain, the rest is marked.
    const rest = source.slice(at);
    const lead = rest.length - rest.trimStart().length;
    push('plain', rest.slice(0, lead));
    push('invalid', rest.slice(lead));
  } else {
    push('plain', source.slice(at));
  }
  return spans;
}
