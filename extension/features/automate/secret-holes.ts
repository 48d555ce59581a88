/**
 * A script offered for saving, and the task kept with it, with the text it types into sensitive fields (a password,
 * a card's number, a code) put back to `{{holes}}`: a replay asks for them, and the user's secret is not stored with
 * the script, shown when it replays or sent in a repair's prompt (explorer, session 29: "Sign me up with password …"
 * was saved as it was typed). The run's log never held the value (the bridge masks it): the script's own text says it.
 */
import { parse } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../protocol/script-api.ts';
import { childrenOf, type AstNode as AnyNode } from './ast-nodes.ts';
import { checkParamPlaces, literalText, PARAM, paramsOf } from './params.ts';
import { isSecretParam } from './secret-param.ts';

export interface SecretHoles {
  script: string;
  task: string;
  /** Each hole put in, and the field that was typed into. */
  holes: { name: string; target: string }[];
  /** Secrets found that are still in the script or the task (the substitution could not be made): say so. */
  missed: number;
}

interface Edit { start: number; end: number; text: string }

const MAX_NAME = 30;
/** A value that is already a hole (the script types `"{{pin}}"`): the replay fills it. */
const HOLE = /^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;
/** Marks a hole while other values are still being looked for in a text (no value holds it). */
const MARK = '\u0000';

function* nodesOf(node: AnyNode, parent?: AnyNode): Generator<[AnyNode, AnyNode | undefined]> {
  yield [node, parent];
  for (const child of childrenOf(node)) yield* nodesOf(child, node);
}

/** The text an expression of literals is, whatever runs: "…", 4821, `…` with nothing in `${…}`, and `+` of those. */
function constantText(node: AnyNode | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  if (node.type === 'TemplateLiteral' && !(node.expressions as unknown[]).length) {
    return ((node.quasis as AnyNode[])[0]!.value as { cooked?: string | null }).cooked ?? undefined;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const [left, right] = [constantText(node.left as AnyNode), constantText(node.right as AnyNode)];
    // 1 + 2 is 3, not "12": only where one side is a string.
    const strings = [node.left, node.right].some((side) => (side as AnyNode).type !== 'Literal' || typeof (side as AnyNode).value === 'string');
    return left !== undefined && right !== undefined && strings ? left + right : undefined;
  }
  return undefined;
}

/** A value written with letters or digits at an edge is found only where no ASCII letter or digit touches that edge. */
function findAll(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^[A-Za-z0-9]/.test(value) ? '(?<![A-Za-z0-9])' : '';
  const after = /[A-Za-z0-9]$/.test(value) ? '(?![A-Za-z0-9])' : '';
  // A card number or code the task writes in groups ("4111 1111 …", "123-456") is the same secret.
  const grouped = /^[A-Za-z0-9]{6,}$/.test(value) ? [...value].join('[ .-]?') : escaped;
  return new RegExp(`${before}(?:${grouped})${after}`, 'gu');
}

/** Worth finding inside longer text: a short or plain-word value ("1", "admin") is data elsewhere in a script. */
const distinctive = (value: string) => value.length >= 6 && !/^\p{L}+$/u.test(value);

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

/**
 * Each secret in `text` as `hole(i)` (i: its place in `values`, longest first so one secret inside another is the
 * longer one), `only` choosing which values may match.
 */
function replaced(text: string, values: readonly string[], only: (value: string) => boolean, hole: (i: number) => string): string {
  let marked = text;
  values.forEach((value, i) => {
    if (only(value)) marked = marked.replace(findAll(value), `${MARK}${i}${MARK}`);
  });
  return marked.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_m, i: string) => hole(Number(i)));
}

/**
 * `script` and `task` with what the script types into fields `sensitive` names put back to holes: the typed text
 * itself (`$pw.type("…")`, the const, `let` or object property it comes from, a `+` of literals) is replaced whole;
 * elsewhere in the script a string that is the secret and nothing else, and a distinctive secret inside other text
 * (not the arguments given to the page's other fields or to navigate()), comments with the bare name; in the task,
 * wherever it is written, grouped or not.
 */
export function withSecretHoles(script: string, task: string, sensitive: (target: string) => boolean): SecretHoles {
  const none: SecretHoles = { script, task, holes: [], missed: 0 };
  let program: AnyNode;
  const comments: [number, number][] = [];
  try {
    program = parse(script, {
      ecmaVersion: SCRIPT_ECMA_VERSION, sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true,
      onComment: (_block, _text, from, to) => void comments.push([from, to]),
    }) as unknown as AnyNode;
  } catch {
    return none;
  }
  const nodes = [...nodesOf(program)];
  const typed: { target: string; value: string; node: AnyNode }[] = [];
  const sourcesOf = (arg: AnyNode | undefined): AnyNode[] => {
    if (!arg) return [];
    if (arg.type === 'Identifier') {
      const named = (n: AnyNode | undefined) => n?.type === 'Identifier' && n.name === arg.name;
      return nodes.flatMap(([n]) => (n.type === 'VariableDeclarator' && named(n.id as AnyNode) && n.init ? [n.init as AnyNode]
        : n.type === 'AssignmentExpression' && n.operator === '=' && named(n.left as AnyNode) ? [n.right as AnyNode] : []));
    }
    // `c.pw` of `const c = { pw: "…" }`.
    if (arg.type === 'MemberExpression' && !arg.computed && (arg.object as AnyNode).type === 'Identifier') {
      const key = (arg.property as AnyNode).name;
      return sourcesOf(arg.object as AnyNode).flatMap((init) => (init.type === 'ObjectExpression' ? (init.properties as AnyNode[]) : [])
        .filter((p) => p.type === 'Property' && !p.computed && ((p.key as AnyNode).name ?? (p.key as AnyNode).value) === key)
        .map((p) => p.value as AnyNode));
    }
    return [arg];
  };
  const pageCallArgs = new Set<AnyNode>();
  for (const [node] of nodes) {
    if (node.type !== 'CallExpression') continue;
    const callee = node.callee as AnyNode;
    const onPage = callee.type === 'MemberExpression' && (callee.object as AnyNode).type === 'Identifier' && String((callee.object as AnyNode).name).startsWith('$');
    if (onPage || (callee.type === 'Identifier' && callee.name === 'navigate')) for (const arg of node.arguments as AnyNode[]) pageCallArgs.add(arg);
    if (!onPage || callee.computed || (callee.property as AnyNode).name !== 'type') continue;
    const target = String((callee.object as AnyNode).name);
    if (!sensitive(target)) continue;
    for (const source of sourcesOf((node.arguments as AnyNode[])[0])) {
      const value = constantText(source);
      if (value !== undefined && value.trim() && !HOLE.test(value)) typed.push({ target, value, node: source });
    }
  }
  if (!typed.length) return none;

  const taken = new Set(paramsOf(script));
  const names = new Map<string, { name: string; target: string }>();
  for (const { target, value } of typed) {
    if (names.has(value)) continue;
    const name = holeName(target, taken);
    taken.add(name);
    names.set(value, { name, target });
  }
  const values = [...names.keys()].sort((a, b) => b.length - a.length);
  const holeOf = (value: string) => `{{${names.get(value)!.name}}}`;
  const edits: Edit[] = [];
  const quoted = (node: AnyNode, body: string) => {
    const quote = node.type === 'TemplateLiteral' ? '`' : script[node.start] === "'" ? "'" : '"';
    return `${quote}${body}${quote}`;
  };
  const replacedNodes = new Set<AnyNode>();
  for (const { value, node } of typed) {
    if (replacedNodes.has(node)) continue;
    replacedNodes.add(node);
    edits.push({ start: node.start, end: node.end, text: quoted(node, holeOf(value)) });
  }
  const inside = (node: AnyNode) => edits.some((edit) => edit.start <= node.start && node.end <= edit.end);
  for (const [node, parent] of nodes) {
    if (inside(node)) continue;
    const whole = node.type === 'Literal' && typeof node.value === 'string' ? node.value
      : node.type === 'TemplateElement' ? (node.value as { cooked?: string | null }).cooked ?? undefined : undefined;
    if (whole === undefined) continue;
    // Another field's text, an option, a path: data of the task, even when it reads as the secret ("admin").
    const ofPage = pageCallArgs.has(node) || (node.type === 'TemplateElement' && parent !== undefined && pageCallArgs.has(parent));
    if (ofPage) continue;
    const body = names.has(whole) && node.type === 'Literal' ? holeOf(whole)
      : replaced(whole, values, distinctive, (i) => `${MARK}h${i}${MARK}`).split(MARK)
        .map((piece, j) => (j % 2 === 1 ? holeOf(values[Number(piece.slice(1))]!) : literalText(piece))).join('');
    if (body === literalText(whole)) continue;
    edits.push(node.type === 'TemplateElement' ? { start: node.start, end: node.end, text: body } : { start: node.start, end: node.end, text: quoted(node, body) });
  }
  for (const [from, to] of comments) {
    const text = script.slice(from, to);
    // Comments are words only: any secret goes, short or plain ("// log in with sunshine").
    const bare = replaced(text, values, () => true, (i) => names.get(values[i]!)!.name);
    if (bare !== text) edits.push({ start: from, end: to, text: bare });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += script.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  out += script.slice(at);
  try {
    checkParamPlaces(out);
  } catch {
    return { ...none, missed: values.length };
  }
  const savedTask = replaced(task, values, () => true, (i) => holeOf(values[i]!));
  const used = [...names].filter(([, { name }]) => out.includes(`{{${name}}}`) || savedTask.includes(`{{${name}}}`));
  // A secret still there as written (a form this could not rewrite): the panel says so rather than save it quietly.
  // Read without the holes: a plain-word secret ("secret") can be part of another's hole name ({{number_secret}}).
  const unholed = (text: string) => text.replace(PARAM, ' ');
  const [scriptLeft, taskLeft] = [unholed(out), unholed(savedTask)];
  const missed = values.filter((value) => (distinctive(value) && scriptLeft.includes(value)) || findAll(value).test(taskLeft)).length;
  return { script: out, task: savedTask, holes: used.map(([, hole]) => hole), missed };
}
