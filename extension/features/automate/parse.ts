/**
 * Reads a model's answer `{plan, elements, script}`. Constrained engines give clean JSON; small unconstrained models
 * wrap it in prose or code fences, leave trailing text, or answer with a bare script in a ```js fence. Anything we
 * cannot read becomes a ScriptSyntaxError, which the repair loop treats like any other script error.
 */
import { ScriptSyntaxError } from '../../protocol/errors.ts';

export interface ModelAnswer {
  plan: string;
  elements: string[];
  script: string;
}

export const ANSWER_JSON_SCHEMA = {
  type: 'object',
  properties: {
    plan: { type: 'string', maxLength: 1000 },
    elements: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 40 },
    script: { type: 'string', maxLength: 8000 },
  },
  required: ['plan', 'elements', 'script'],
  additionalProperties: false,
} as const;

/** More names than this and `elements` stays free text (a grammar that large costs the engine more than it helps). */
const MAX_ELEMENT_ENUM = 2_000;

/**
 * The answer schema for one page: `elements` may only list the page's `$names` (and those the site document places on
 * other pages), so an engine that enforces JSON schemas (web-llm's grammar support) cannot list an invented element.
 * The script itself stays a free string there; the interpreter's NotFound and the repair loop handle its names.
 */
export function answerSchemaFor(names: readonly string[]): object {
  if (!names.length || names.length > MAX_ELEMENT_ENUM) return ANSWER_JSON_SCHEMA;
  return {
    ...ANSWER_JSON_SCHEMA,
    properties: { ...ANSWER_JSON_SCHEMA.properties, elements: { type: 'array', items: { enum: [...new Set(names)].map((n) => `$${n}`) }, maxItems: 40 } },
  };
}

const MAX_SCRIPT = 20_000;

/** The first balanced `{…}` from `start`, honouring strings and escapes; undefined when it never closes. */
export function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

function fences(text: string): Array<{ lang: string; body: string }> {
  const out: Array<{ lang: string; body: string }> = [];
  const re = /```([A-Za-z]*)[^\S\n]*\n([\s\S]*?)(?:```|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ lang: (m[1] ?? '').toLowerCase(), body: m[2] ?? '' });
  return out;
}

/**
 * `strict`: an object found inside other text must look like an answer (a script and a plan or elements): a script's
 * own `{"code": …}` literal, or anything else with a `code` key, is no answer.
 */
function fromObject(value: unknown, strict = false): ModelAnswer | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (strict && !('plan' in record || 'elements' in record)) return undefined;
  let script = record.script ?? record.code ?? record.program;
  if (Array.isArray(script) && script.every((line) => typeof line === 'string')) script = script.join('\n');
  if (typeof script !== 'string' || !script.trim()) return undefined;
  const plan = typeof record.plan === 'string' ? record.plan
    : Array.isArray(record.plan) ? record.plan.filter((s) => typeof s === 'string').join('\n') : '';
  const elements = Array.isArray(record.elements) ? record.elements.filter((s): s is string => typeof s === 'string').slice(0, 40) : [];
  return { plan: plan.slice(0, 2000), elements: elements.map((e) => e.slice(0, 200)), script: stripFence(script).slice(0, MAX_SCRIPT) };
}

/** A script field that itself holds a fenced block. */
function stripFence(script: string): string {
  const inner = fences(script)[0];
  return (inner ? inner.body : script).trim();
}

/** Small models often write a script string with raw line breaks and tabs: JSON with those escaped. */
function escapeRawControls(candidate: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate[i]!;
    if (inString && c === '\\') {
      out += c + (candidate[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += inString && c === '\n' ? '\\n' : inString && c === '\r' ? '\\r' : inString && c === '\t' ? '\\t' : c;
  }
  return out;
}

function tryJson(candidate: string, strict = false): ModelAnswer | undefined {
  for (const text of [candidate, escapeRawControls(candidate)]) {
    try {
      return fromObject(JSON.parse(text), strict);
    } catch {
      // the next form, or no answer
    }
  }
  return undefined;
}

export function parseAnswer(raw: string): ModelAnswer {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (!text) throw new ScriptSyntaxError('the model gave an empty answer; answer with JSON {"plan", "elements", "script"}', { parse: 'empty' });
  // 1. The whole text, then each JSON (or unlabelled) fenced block, then the balanced objects in the text: the last
  // answer-like one (a model that first echoes a prompt example answers after it). A js fence is code, not JSON.
  const direct = tryJson(text);
  if (direct) return direct;
  const blocks = fences(text);
  for (const block of blocks.filter((b) => b.lang === 'json' || b.lang === '')) {
    const start = block.body.indexOf('{');
    const candidate = start >= 0 ? balancedObject(block.body, start) : undefined;
    const parsed = candidate ? tryJson(candidate, true) : undefined;
    if (parsed) return parsed;
  }
  let last: ModelAnswer | undefined;
  const outsideCode = blocks.some((b) => b.lang !== 'json' && b.lang !== '') ? text.replace(/```[A-Za-z]+[^\S\n]*\n[\s\S]*?(?:```|$)/g, (block) => (/^```json/i.test(block) ? block : ' ')) : text;
  for (let start = outsideCode.indexOf('{'); start >= 0; start = outsideCode.indexOf('{', start + 1)) {
    const candidate = balancedObject(outsideCode, start);
    if (!candidate) continue;
    const parsed = tryJson(candidate, true);
    if (parsed) {
      last = parsed;
      start += candidate.length - 1;
    }
  }
  if (last) return last;
  // 2. No JSON, but a fenced script: accept it with an empty plan.
  const code = blocks.find((block) => ['js', 'javascript', 'ts', 'typescript', ''].includes(block.lang) && /\$\w|done\(|say\(/.test(block.body));
  if (code) return { plan: '', elements: [], script: code.body.trim().slice(0, MAX_SCRIPT) };
  throw new ScriptSyntaxError(
    'the answer is not JSON of the form {"plan": "...", "elements": ["$name"], "script": "..."}',
    { parse: text.includes('{') ? 'invalid-json' : 'no-json', excerpt: text.slice(0, 200) },
  );
}
