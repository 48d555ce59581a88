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

/**
 * The model's answer. `avoid`: scripts the prompt showed as examples — a small model may echo one before (or after) its
 * own answer, and an echoed example must not run as the answer when another one is there.
 */
export function parseAnswer(raw: string, avoid: readonly string[] = []): ModelAnswer {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (!text) throw new ScriptSyntaxError('the model gave an empty answer; answer with JSON {"plan", "elements", "script"}', { parse: 'empty' });
  // 1. The whole text as JSON.
  const direct = tryJson(text);
  if (direct) return direct;
  // 2. Answer objects, in order: a JSON (or unlabelled) fence's object, a js fence that holds only an object, and
  // objects in the prose with a plan or elements (a js fence's own code, `{"code": …}` literals included, is not
  // searched). The first that is not an echoed example wins.
  const blocks = fences(text);
  const found: ModelAnswer[] = [];
  for (const block of blocks) {
    const body = block.body.trim();
    const json = block.lang === 'json' || block.lang === '';
    const brace = body.indexOf('{');
    if (brace < 0 || (!json && brace > 0)) continue;
    const candidate = balancedObject(body, brace);
    const parsed = candidate ? tryJson(candidate, !json) : undefined;
    if (parsed) found.push(parsed);
  }
  const prose = text.replace(/```[A-Za-z]*[^\S\n]*\n[\s\S]*?(?:```|$)/g, ' ');
  const loose: ModelAnswer[] = [];
  for (let start = prose.indexOf('{'); start >= 0; start = prose.indexOf('{', start + 1)) {
    const candidate = balancedObject(prose, start);
    if (!candidate) continue;
    const parsed = tryJson(candidate, true);
    if (parsed) {
      found.push(parsed);
      start += candidate.length - 1;
    } else if (!loose.length) {
      const plain = tryJson(candidate);
      if (plain) loose.push(plain);
    }
  }
  const own = found.find((answer) => !avoid.includes(answer.script)) ?? found[0] ?? loose[0];
  if (own) return own;
  // 3. No JSON, but a fenced script: accept it with an empty plan.
  const code = blocks.find((block) => ['js', 'javascript', 'ts', 'typescript', ''].includes(block.lang) && /\$\w|done\(|say\(/.test(block.body));
  if (code) return { plan: '', elements: [], script: code.body.trim().slice(0, MAX_SCRIPT) };
  throw new ScriptSyntaxError(
    'the answer is not JSON of the form {"plan": "...", "elements": ["$name"], "script": "..."}',
    { parse: text.includes('{') ? 'invalid-json' : 'no-json', excerpt: text.slice(0, 200) },
  );
}
