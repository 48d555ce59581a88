/**
 * A script offered for saving, and the task kept with it, with the text it types into sensitive fields (a password,
 * a card's number, a code) put back to `{{holes}}`: a replay asks for them, and the user's secret is not stored with
 * the script, shown when it replays or sent in a repair's prompt (explorer, session 29: "Sign me up with password …"
 * was saved as it was typed). The run's log never held the value (the bridge masks it): the script's own text says it.
 */
import { parse, tokenizer, tokTypes, type Node } from 'acorn';
import { checkParamPlaces, paramsOf } from './params.ts';
import { isSecretParam } from './secret-param.ts';

export interface SecretHoles {
  script: string;
  task: string;
  /** Each hole put in, and the field that was typed into. */
  holes: { name: string; target: string }[];
}

const MAX_NAME = 30;
/** A value that is already a hole (the script types `"{{pin}}"`): the replay fills it. */
const HOLE = /^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;

/** A value as its own word: not inside a longer run of letters and digits. */
const asWord = (value: string) => new RegExp(`(?<![\\p{L}\\p{N}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');

/** The hole's name: the field's own words (`$sign_up__password` → `password`), marked secret when they do not say so. */
function holeName(target: string, taken: ReadonlySet<string>): string {
  const last = target.replace(/^\$/, '').split('__').at(-1) ?? '';
  let name = last.normalize('NFKD').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z]+|_+$/g, '').toLowerCase().slice(0, MAX_NAME);
  if (!name) name = 'password';
  else if (!isSecretParam(name)) name = `${name}_secret`;
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}_${n}`;
  return unique;
}

/** Where the script holds text: its string and template literals (inside their quotes), and its comments. */
function textSpans(script: string): { literals: [number, number][]; comments: [number, number][] } | undefined {
  const literals: [number, number][] = [];
  const comments: [number, number][] = [];
  try {
    for (const token of tokenizer(script, { ecmaVersion: 2020, allowHashBang: false, onComment: (_block, _text, from, to) => void comments.push([from, to]) })) {
      if (token.type === tokTypes.string) literals.push([token.start + 1, token.end - 1]);
      else if (token.type === tokTypes.template) literals.push([token.start, token.end]);
    }
  } catch {
    return undefined;
  }
  return { literals, comments };
}

/** The forms a value takes between a script's quotes: as written, and escaped as "…" or '…' would write it. */
function writtenForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [...new Set([value, json, json.replace(/'/g, "\\'"), value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")])];
}

type AnyNode = Node & Record<string, unknown>;

const isNode = (value: unknown): value is AnyNode => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

function* nodesOf(node: AnyNode): Generator<AnyNode> {
  yield node;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value)) for (const item of value) { if (isNode(item)) yield* nodesOf(item); }
    else if (isNode(value)) yield* nodesOf(value);
  }
}

/** A string the expression is whatever runs: "…", '…' or a template with nothing in `${…}`. */
function constantText(node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && !(node.expressions as unknown[]).length) {
    return ((node.quasis as AnyNode[])[0]!.value as { cooked?: string | null }).cooked ?? undefined;
  }
  return undefined;
}

/**
 * What `script` types into fields `sensitive` names, by field: `$field.type("…")`, or `$field.type(x)` where every
 * declaration of `x` is such a string. Empty when the script does not parse.
 */
export function typedIntoSensitive(script: string, sensitive: (target: string) => boolean): { target: string; value: string }[] {
  let program: AnyNode;
  try {
    program = parse(script, { ecmaVersion: 2020, sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true }) as unknown as AnyNode;
  } catch {
    return [];
  }
  const nodes = [...nodesOf(program)];
  const declared = (name: string): (string | undefined)[] => nodes
    .filter((n) => n.type === 'VariableDeclarator' && (n.id as AnyNode).type === 'Identifier' && (n.id as AnyNode).name === name)
    .map((n) => constantText(n.init as AnyNode | undefined));
  const typed: { target: string; value: string }[] = [];
  for (const node of nodes) {
    if (node.type !== 'CallExpression') continue;
    const callee = node.callee as AnyNode;
    if (callee.type !== 'MemberExpression' || callee.computed || (callee.property as AnyNode).name !== 'type') continue;
    const object = callee.object as AnyNode;
    if (object.type !== 'Identifier' || !String(object.name).startsWith('$') || !sensitive(String(object.name))) continue;
    const arg = (node.arguments as AnyNode[])[0];
    const values = arg?.type === 'Identifier' ? declared(String(arg.name)) : [constantText(arg)];
    for (const value of values) if (value !== undefined) typed.push({ target: String(object.name), value });
  }
  return typed;
}

/**
 * `script` and `task` with each text the script types into a sensitive field put back to its hole: in the script's
 * literals as `{{name}}`, in its comments as the bare name (a hole in a comment is refused), in the task as
 * `{{name}}`. A script that does not parse, or that the holes would leave unreplayable, is returned as it was, with no
 * holes.
 */
export function withSecretHoles(script: string, task: string, sensitive: (target: string) => boolean): SecretHoles {
  const values = new Map<string, string>();
  for (const { target, value } of typedIntoSensitive(script, sensitive)) if (value.trim() && !HOLE.test(value) && !values.has(value)) values.set(value, target);
  if (!values.size) return { script, task, holes: [] };
  const spans = textSpans(script);
  if (!spans) return { script, task, holes: [] };
  const taken = new Set(paramsOf(script));
  const holes: { name: string; target: string; value: string }[] = [];
  for (const [value, target] of values) {
    const name = holeName(target, taken);
    taken.add(name);
    holes.push({ name, target, value });
  }
  // Longer values first: one secret may hold another.
  holes.sort((a, b) => b.value.length - a.value.length);
  let out = '';
  let at = 0;
  const edits = [...spans.literals.map(([from, to]) => ({ from, to, comment: false })), ...spans.comments.map(([from, to]) => ({ from, to, comment: true }))]
    .sort((a, b) => a.from - b.from);
  for (const { from, to, comment } of edits) {
    let text = script.slice(from, to);
    for (const hole of holes) {
      for (const form of comment ? [hole.value] : writtenForms(hole.value)) text = text.replace(asWord(form), comment ? hole.name : `{{${hole.name}}}`);
    }
    out += script.slice(at, from) + text;
    at = to;
  }
  out += script.slice(at);
  try {
    checkParamPlaces(out);
  } catch {
    return { script, task, holes: [] };
  }
  let savedTask = task;
  for (const hole of holes) savedTask = savedTask.replace(asWord(hole.value), `{{${hole.name}}}`);
  const used = holes.filter((hole) => out.includes(`{{${hole.name}}}`) || savedTask.includes(`{{${hole.name}}}`));
  return { script: out, task: savedTask, holes: used.map(({ name, target }) => ({ name, target })) };
}
