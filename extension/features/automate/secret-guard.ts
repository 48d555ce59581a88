/**
 * Where a secret may go on the page (review, session 25; late fill after the second review). A secret is a saved
 * script's secret `{{param}}` (secret-param.ts) or the user's answer to an ask() that asked for one.
 *
 * The rule:
 * - The saved script's own first attempt runs as it was saved (the user approved it): every hole filled into its
 *   source, its ask() answers and reads as they are, and nothing refused here. Where it types or chooses a secret
 *   parameter is recorded as one of that parameter's places (below).
 * - Any other attempt — a repair, a model's script, a step-wise run — never holds a secret's value. A secret
 *   parameter's hole stays in its string as written (`"{{pw}}"`; plain parameters are filled, as before), a secret
 *   answer to ask() comes back as a token of the run (`"{{secret_1}}"`, then `{{secret_2}}`…, never the name of one
 *   of the replay's parameters), and whatever the page gives back (`text()`, `value()`, `find()`, what `type()` says a
 *   field holds, an error's message and data) has each secret's value, as the page may reformat it, replaced by its
 *   token. No transform of the string (reversed, cut in pieces, rebuilt from char codes) is the secret: it is that
 *   text typed as it is.
 * - The page bridge puts the value in at the last moment, only for `type(token)` or `select(token)` — the argument is
 *   the whole token, nothing joined to it — on a place for that secret:
 *   (a) a saved parameter: an element the saved script typed or chose it into — recorded as its as-saved attempt runs
 *       (a call whose text held the value), and read from the saved script for the lines it did not reach
 *       (savedTypeTargets: `$x.type("{{p}}")`, through variables, aliases `const el = $x`, `find()`, `$list[i].f`,
 *       loops and callbacks over a list, helper functions) — under the name the page has for it now (renamed, or
 *       found by its saved locators);
 *   (b) a password, card or one-time-code input by what it is (`type=password`, such an `autocomplete`, text drawn as
 *       dots; `secretInput` in the page document, checked again by the executor on the live field), whose name,
 *       label, placeholder and effect say nothing of a search, comment, message, post… (PUBLIC_FIELD_WORDS): not a
 *       field that is sensitive only by its words; a list item's field is checked by the executor alone;
 *   (c) an ask() answer (or a parameter of a run that replays no script): (b), or a one-line field named or labelled
 *       for a secret (`$settings__api_key`, "Verification code": an API key field is often `type=text`), with no such
 *       public word.
 * - Anything else holding a token is refused before anything of the call reaches the page (no step, confirmation or
 *   action): a token joined to other text (`"pin{{pin}}"`), in `navigate()` (an address ends up in logs and Referer
 *   headers), in `press()`, or typed whole where it may not go. So is, as a second layer, a call whose text holds a
 *   secret's value (a model that wrote it out, a read the matching missed), unless it is `type()`/`select()` of exactly
 *   the value on a place for it; a secret of under 3 characters, or whose value is also a plain parameter's (a PIN 2025
 *   and a year 2025), is not matched by value (its token still is the only way it is typed).
 * The refusal is an ActionError (the script's to repair, `secretRefused`) that names the secret by its token, never
 * by its value, and says where it may go. Reads (`find()`, `text()`…) and `say()`/`ask()`/`done()` are not refused:
 * the page sees none of them, and the run's state masks them (run-host.ts hiddenSecrets).
 */
import { parse } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../protocol/script-api.ts';
import { childrenOf, isAstNode as isNode, type AstNode as Node } from './ast-nodes.ts';
import { ActionError } from '../../protocol/errors.ts';
import { ACTION_METHODS, describeTarget, type BridgeTarget } from '../../sandbox/capabilities/bridge.ts';
import type { Entry, GuardedCall, SecretCheck, SecretGuard } from './page-bridge.ts';
import { paramsOf } from './params.ts';
import { isSecretParam, nameWords } from './secret-param.ts';

/** A secret of the run as the guard knows it. */
export interface RunSecret {
  /** What a script other than the saved one holds for it: `{{pw}}` for a parameter, `{{secret_1}}` for an answer. */
  token: string;
  value: string;
  /** The saved script's parameter; undefined for an answer to ask(). */
  param?: string;
  /** Also looked for by its value (second layer): 3 characters or more, and no plain parameter has that value. */
  matched: boolean;
}

export interface SecretGuardSource {
  /** The run's secrets so far: its secret parameters, then answers to ask() as they are given. */
  secrets(): readonly RunSecret[];
  /** `text` with each matched secret's value, as the page may reformat it, replaced by its token. */
  tokenized(text: string): string;
  /** The run replays a saved script: its parameters go where it put them (and into secret inputs). */
  replay: boolean;
  /** Where the saved script types or chooses each secret parameter (`name`, `list.field`); grows as it runs as saved. */
  savedTargets: Map<string, Set<string>>;
  /** This attempt runs the saved script as it was saved (no repair). */
  savedAsIs: boolean;
  /** The names the page has now for a name of the saved script (renamed, or found by its saved locators). */
  namedNow(savedName: string): string[];
}

/** Words that say a field's text is read by others or sent on (a search goes into an address): never a secret's field. */
const PUBLIC_FIELD_WORDS: ReadonlySet<string> = new Set([
  'search', 'query', 'find', 'filter', 'comment', 'comments', 'message', 'messages', 'msg', 'post', 'posts', 'reply',
  'replies', 'chat', 'note', 'notes', 'review', 'reviews', 'feedback', 'share', 'publish', 'tweet', 'compose', 'subject',
  'caption', 'status', 'bio',
]);

/** Calls a secret may be handed over by, as its whole token. */
const FILLS: ReadonlySet<string> = new Set(['type', 'select']);

const MAX_SHOWN_DEPTH = 32;
/** Calls whose answer is what a field holds. */
const ANSWERS_OF_A_FIELD: ReadonlySet<string> = new Set(['value', 'text', 'select', 'type']);

export function secretGuard(source: SecretGuardSource): SecretGuard {
  const shownDeep = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return source.tokenized(value);
    if (!value || typeof value !== 'object' || depth >= MAX_SHOWN_DEPTH) return value;
    if (Array.isArray(value)) return value.map((item) => shownDeep(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shownDeep(item, depth + 1)]));
  };
  // The fields this attempt put a secret into (late fill), by `targetKey`.
  const filledAt = new Map<string, RunSecret>();
  /**
   * A field a secret went into (the saved script's place for it, or a late fill): its read is the secret's token,
   * whether or not the value is matched (a secret under 3 characters, or one a plain parameter shares; review, session 25).
   */
  const secretAt = (read: GuardedCall): RunSecret | undefined => {
    // The answer of the select() or type() that put it there too: the option chosen ("2027" for a secret "27").
    if (!ANSWERS_OF_A_FIELD.has(read.call) || !read.target) return undefined;
    const key = targetKey(read.target);
    return filledAt.get(key) ?? source.secrets().find((s) => s.param !== undefined && source.savedTargets.get(s.param)?.has(key));
  };
  return {
    check: (call) => {
      if (source.savedAsIs) return recorded(call, source);
      const result = checked(call, source);
      const filled = result.filled && call.target ? source.secrets().find((s) => s.value === result.args[0]) : undefined;
      if (filled && call.target) filledAt.set(targetKey(call.target), filled);
      return result;
    },
    shown: <T>(value: T, read?: GuardedCall): T => {
      if (source.savedAsIs) return value;
      const at = read && typeof value === 'string' && value ? secretAt(read) : undefined;
      return (at ? at.token : shownDeep(value, 0)) as T;
    },
  };
}

const textOf = (arg: unknown) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? '');

/** The saved script as saved: nothing refused; where it types or chooses a secret parameter is recorded. */
function recorded(call: GuardedCall, source: SecretGuardSource): SecretCheck {
  if (FILLS.has(call.call) && call.target && call.entry && source.replay) {
    const texts = call.args.map(textOf);
    const tokenized = texts.map((text) => source.tokenized(text));
    for (const secret of source.secrets()) {
      if (!secret.param) continue;
      const holds = texts.some((text, i) => text === secret.value || (secret.matched && tokenized[i]!.includes(secret.token)));
      if (holds) recordSavedTarget(secret.param, call.target, call.entry, source);
    }
  }
  return { args: call.args, filled: false };
}

function checked(call: GuardedCall, source: SecretGuardSource): SecretCheck {
  if (!ACTION_METHODS.has(call.call)) return { args: call.args, filled: false };
  const secrets = source.secrets();
  const args = [...call.args];
  let filled = false;
  let onlyInput: ActionError | undefined;
  // The whole argument of type()/select() is a secret's token (or, second layer, exactly its value).
  const first = FILLS.has(call.call) && (typeof args[0] === 'string' || typeof args[0] === 'number') ? String(args[0]) : undefined;
  const whole = first === undefined ? undefined
    : secrets.find((s) => s.token === first) ?? secrets.find((s) => s.matched && s.value === first);
  if (whole) {
    const place = call.target && call.entry ? placeOf(whole, call, call.target, call.entry, source) : undefined;
    if (!place) throw refusal(call, whole, source, 'place');
    args[0] = whole.value;
    filled = true;
    if (place === 'input') onlyInput = refusal(call, whole, source, 'input');
  }
  call.args.forEach((arg, i) => {
    if (whole && i === 0) return;
    const text = textOf(arg);
    const token = secrets.find((s) => text.includes(s.token));
    if (token) throw refusal(call, token, source, 'joined');
    const tokenized = source.tokenized(text);
    const held = tokenized === text ? undefined : secrets.find((s) => s.matched && tokenized.split(s.token).length > text.split(s.token).length);
    if (held) throw refusal(call, held, source, 'joined');
  });
  return { args, filled, ...(onlyInput ? { onlyIntoSecretInput: onlyInput } : {}) };
}

/** `name`, or `list.field` for a field of a list's items (any item). */
const targetKey = (target: BridgeTarget) => (target.field ? `${target.name}.${target.field}` : target.name);

/**
 * Whether `secret` may go into this element, and how: where the saved script put it (`saved`), a field named for it
 * (`named`), a password, card or code input (`input`: the executor checks the live field too).
 */
function placeOf(secret: RunSecret, call: GuardedCall, written: BridgeTarget, entry: Entry, source: SecretGuardSource): 'saved' | 'named' | 'input' | undefined {
  if (secret.param && source.replay && savedTarget(secret.param, written, entry, source)) return 'saved';
  // Else only typed: the executor chooses nothing from a sensitive field, and a secret's field is a text field.
  if (call.call !== 'type') return undefined;
  if (entry.kind === 'list') return written.field ? 'input' : undefined;
  if (entry.secretInput === true && !saysPublic(entry)) return 'input';
  if ((!secret.param || !source.replay) && secretField(entry)) return 'named';
  return undefined;
}

function recordSavedTarget(param: string, written: BridgeTarget, entry: Entry, source: SecretGuardSource): void {
  let targets = source.savedTargets.get(param);
  if (!targets) source.savedTargets.set(param, targets = new Set());
  targets.add(targetKey(written));
  // The name the page has for it (a saved name found by its locators), for a repair that writes that one.
  if (entry.kind !== 'list' && !written.field) targets.add(entry.name);
  if (entry.kind === 'list' && written.field) targets.add(`${entry.name}.${written.field}`);
}

function savedTarget(param: string, written: BridgeTarget, entry: Entry, source: SecretGuardSource): boolean {
  const targets = source.savedTargets.get(param);
  if (!targets) return false;
  const key = targetKey(written);
  const here = entry.kind === 'list' ? (written.field ? `${entry.name}.${written.field}` : entry.name) : written.field ? key : entry.name;
  if (targets.has(key) || targets.has(here)) return true;
  return [...targets].some((saved) => {
    const dot = saved.indexOf('.');
    const [name, field] = dot < 0 ? [saved, ''] : [saved.slice(0, dot), saved.slice(dot + 1)];
    return source.namedNow(name).some((now) => (field ? `${now}.${field}` : now) === here);
  });
}

/** The words of what an element says it is and does. */
const wordsOf = (entry: Entry) => [entry.name, entry.description, entry.kind === 'list' ? '' : entry.placeholder ?? '', entry.kind === 'list' ? '' : entry.effect ?? ''].flatMap(nameWords);
const saysPublic = (entry: Entry) => wordsOf(entry).some((word) => PUBLIC_FIELD_WORDS.has(word));

/**
 * A one-line field named or labelled for a secret (an API key, a code), and for nothing others read or an address
 * takes. A field of a list's items is never one: its name is the list's column, not a label of the field.
 */
export function secretField(entry: Entry): boolean {
  if (entry.kind !== 'text_input' || entry.inputType === 'search') return false;
  const said = [entry.name, entry.description, entry.placeholder ?? ''];
  return said.some(isSecretParam) && !saysPublic(entry);
}

type Why = 'place' | 'joined' | 'input';

function refusal(call: GuardedCall, secret: RunSecret, source: SecretGuardSource, why: Why): ActionError {
  const named = secret.param ? `${secret.token}, a secret` : `${secret.token}, a secret you gave`;
  const places = placesFor(secret, source);
  const on = call.target ? `${describeTarget(call.target)}.${call.call}()` : `${call.call}()`;
  const whole = `${call.call === 'select' ? 'select' : 'type'}(${JSON.stringify(secret.token)})`;
  const text = call.call === 'navigate' ? `the address holds ${named}, and a secret never goes into an address: it may be typed only into ${places}`
    : why === 'input' ? `${describeTarget(call.target!)} is not a password, card or code input on the page now: ${named} may be typed only into ${places}`
      : why === 'joined' && FILLS.has(call.call) ? `the text joins ${named}, to other text: a secret goes only on its own, ${whole}, into ${places}: nothing was typed`
        : call.call === 'type' ? `the text holds ${named}, which may be typed only into ${places}: nothing was typed`
          : call.call === 'select' ? `its argument holds ${named}, which may be chosen only where the saved script chose it, or typed into ${places}`
            : `its argument holds ${named}, which may only be typed, on its own, into ${places}`;
  return new ActionError(`${on} was refused: ${text}`, { secretRefused: true, secret: secret.token });
}

function placesFor(secret: RunSecret, source: SecretGuardSource): string {
  if (!secret.param || !source.replay) {
    return 'a password, card or code field, or a field named for that secret (an API key field, say), never a search, comment or message box';
  }
  const saved = [...source.savedTargets.get(secret.param) ?? []].slice(0, 3).map((name) => `$${name}`);
  return saved.length ? `a password, card or code field, or where the saved script typed it (${saved.join(', ')})` : 'a password, card or code field';
}

const isFunction = (node: unknown): boolean => isNode(node) && ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(node.type);

/** Every node under `node`, each with the function it is in (`fn`: undefined at the top level). */
function visit(node: Node, see: (node: Node, fn: Node | undefined) => void, fn?: Node): void {
  see(node, fn);
  const inner = isFunction(node) ? node : fn;
  for (const child of childrenOf(node)) visit(child, see, inner);
}

/**
 * Each variable of a script (an Identifier node where it is declared or used) by the declaration it refers to
 * (`name@start of its scope`), so a name used in two functions or loops is two variables; undeclared: `name@`.
 */
function bindingsOf(program: Node): Map<Node, string> {
  const of = new Map<Node, string>();
  const declare = (scope: Map<string, string>, id: unknown, at: number): void => {
    if (!isNode(id)) return;
    if (id.type === 'Identifier') scope.set(String(id.name), `${String(id.name)}@${at}`);
    else if (id.type === 'AssignmentPattern') declare(scope, id.left, at);
    else if (id.type === 'RestElement') declare(scope, id.argument, at);
    else if (id.type === 'ArrayPattern') for (const element of id.elements as unknown[]) declare(scope, element, at);
    else if (id.type === 'ObjectPattern') for (const property of id.properties as Node[]) declare(scope, property.type === 'RestElement' ? property.argument : property.value, at);
  };
  const walk = (node: Node, scopes: Array<Map<string, string>>): void => {
    let inner = scopes;
    const body = node.type === 'Program' || node.type === 'BlockStatement' ? node.body as Node[]
      : ['ForStatement', 'ForOfStatement', 'ForInStatement'].includes(node.type) ? [node.init ?? node.left].filter(isNode)
        : isFunction(node) || node.type === 'CatchClause' ? [] : undefined;
    if (body) {
      const scope = new Map<string, string>();
      inner = [...scopes, scope];
      if (isFunction(node)) {
        if (node.type === 'FunctionExpression') declare(scope, node.id, node.start);
        for (const param of node.params as Node[]) declare(scope, param, node.start);
      }
      if (node.type === 'CatchClause') declare(scope, node.param, node.start);
      for (const statement of body) {
        if (statement.type === 'VariableDeclaration') for (const declarator of statement.declarations as Node[]) declare(scope, declarator.id, node.start);
        else if (statement.type === 'FunctionDeclaration') declare(scope, statement.id, node.start);
      }
    }
    if (node.type === 'Identifier') {
      const name = String(node.name);
      of.set(node, [...inner].reverse().find((scope) => scope.has(name))?.get(name) ?? `${name}@`);
    }
    for (const child of childrenOf(node)) walk(child, inner);
  };
  walk(program, []);
  return of;
}

/** Array methods whose callback gets the items (`forEach((item) => …)`), and those that give an item or the items back. */
const CALLBACKS: ReadonlySet<string> = new Set(['forEach', 'map', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every', 'flatMap']);
const GIVES_ITEM: ReadonlySet<string> = new Set(['find', 'findLast', 'at']);
const GIVES_ITEMS: ReadonlySet<string> = new Set(['filter', 'slice', 'reverse', 'concat', 'sort', 'toReversed', 'toSorted']);

/**
 * Where a saved script types or chooses each `{{param}}` (`$x.type("…{{p}}…")`, `.select(…)`), read as written, not
 * run: `name` for an element or a list's item, `list.field` for a field of a list's items (any item). Text with a hole
 * is followed through variables and a helper function's parameters and results; an element through aliases (`const
 * el = $x`), `$list[i]`, `$list.find(…)` (and `filter`, `at`), `for (const r of $list)`, callbacks (`$list.forEach((r)
 * => r.pin.type(…))`) and helper functions (`fill($x, "{{p}}")`). Variables go by their declaration (a name
 * used in two functions or loops is two variables). A script that does not parse types nowhere.
 */
export function savedTypeTargets(script: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  let program: Node;
  try {
    program = parse(script, { ecmaVersion: SCRIPT_ECMA_VERSION, sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true }) as unknown as Node;
  } catch {
    return found;
  }
  const bindings = bindingsOf(program);
  const variable = (id: Node) => bindings.get(id) ?? `${String(id.name)}@`;
  // What each variable may stand for: `el:x` ($x), `item:x` (an item of $x), `field:x.f`, `of:…` (an array of those).
  const handles = new Map<string, Set<string>>();
  // The holes each variable's text may hold.
  const texts = new Map<string, Set<string>>();
  const functions = new Map<string, Set<Node>>();
  const returnHandles = new Map<Node, Set<string>>();
  const returnTexts = new Map<Node, Set<string>>();
  let changed = true;
  const add = <K, V>(map: Map<K, Set<V>>, key: K, values: Iterable<V>) => {
    let set = map.get(key);
    for (const value of values) {
      if (!set) map.set(key, set = new Set());
      if (!set.has(value)) {
        set.add(value);
        changed = true;
      }
    }
  };
  const itemsOf = (of: Iterable<string>) => [...of].flatMap((h) => (h.startsWith('el:') ? [`item:${h.slice(3)}`] : h.startsWith('of:') ? [h.slice(3)] : []));
  const called = (callee: Node): Node[] => (callee.type === 'Identifier' ? [...functions.get(variable(callee)) ?? []] : isFunction(callee) ? [callee] : []);
  const handlesOf = (node: Node | undefined): string[] => {
    if (!node) return [];
    switch (node.type) {
      case 'Identifier': {
        const name = String(node.name);
        return name.startsWith('$') ? [`el:${name.slice(1)}`] : [...handles.get(variable(node)) ?? []];
      }
      case 'MemberExpression': {
        const base = handlesOf(node.object as Node);
        if (node.computed) return itemsOf(base);
        const field = String((node.property as Node).name);
        return base.filter((h) => h.startsWith('item:')).map((h) => `field:${h.slice(5)}.${field}`);
      }
      case 'CallExpression': {
        const callee = node.callee as Node;
        if (callee.type === 'MemberExpression' && !callee.computed) {
          const method = String((callee.property as Node).name);
          const base = handlesOf(callee.object as Node);
          return GIVES_ITEM.has(method) ? itemsOf(base) : GIVES_ITEMS.has(method) ? base : [];
        }
        return called(callee).flatMap((fn) => [...returnHandles.get(fn) ?? []]);
      }
      case 'ConditionalExpression':
        return [...handlesOf(node.consequent as Node), ...handlesOf(node.alternate as Node)];
      case 'LogicalExpression':
        return [...handlesOf(node.left as Node), ...handlesOf(node.right as Node)];
      case 'SequenceExpression':
        return handlesOf((node.expressions as Node[]).at(-1));
      case 'AssignmentExpression':
        return handlesOf(node.right as Node);
      case 'ChainExpression':
      case 'ParenthesizedExpression':
        return handlesOf(node.expression as Node);
      case 'AwaitExpression':
        return handlesOf(node.argument as Node);
      case 'ArrayExpression':
        return (node.elements as Array<Node | null>).flatMap((element) => (element ? handlesOf(element.type === 'SpreadElement' ? element.argument as Node : element) : []))
          .map((h) => `of:${h}`);
      default:
        return [];
    }
  };
  const paramsIn = (node: Node | undefined): string[] => {
    if (!node) return [];
    const params = paramsOf(script.slice(node.start, node.end));
    visit(node, (n) => {
      if (n.type === 'Identifier') params.push(...texts.get(variable(n)) ?? []);
      if (n.type === 'CallExpression') for (const fn of called(n.callee as Node)) params.push(...returnTexts.get(fn) ?? []);
    });
    return params;
  };
  /** A function's parameter `param` (a name, or a name with a default) gets what `value` may be. */
  const bind = (param: Node | undefined, value: Node | undefined, items = false) => {
    if (!param) return;
    const id = param.type === 'AssignmentPattern' ? param.left as Node : param;
    if (id.type !== 'Identifier') return;
    const name = variable(id);
    if (param.type === 'AssignmentPattern') {
      add(handles, name, handlesOf(param.right as Node));
      add(texts, name, paramsIn(param.right as Node));
    }
    add(handles, name, items ? itemsOf(handlesOf(value)) : handlesOf(value));
    add(texts, name, paramsIn(value));
  };
  const targetsOf = (node: Node) => handlesOf(node).flatMap((h) => (h.startsWith('el:') ? [h.slice(3)] : h.startsWith('item:') ? [h.slice(5)] : h.startsWith('field:') ? [h.slice(6)] : []));
  for (let round = 0; changed && round < 20; round++) {
    changed = false;
    visit(program, (node, fn) => {
      const id = node.id as Node | undefined;
      const left = node.left as Node | undefined;
      if (node.type === 'FunctionDeclaration' && id?.type === 'Identifier') add(functions, variable(id), [node]);
      else if (node.type === 'VariableDeclarator' && id?.type === 'Identifier' && isNode(node.init)) {
        if (isFunction(node.init)) add(functions, variable(id), [node.init as Node]);
        add(handles, variable(id), handlesOf(node.init));
        add(texts, variable(id), paramsIn(node.init));
      } else if (node.type === 'AssignmentExpression' && left?.type === 'Identifier') {
        add(handles, variable(left), handlesOf(node.right as Node));
        add(texts, variable(left), paramsIn(node.right as Node));
      } else if (node.type === 'ForOfStatement') {
        const declared = left?.type === 'VariableDeclaration' ? (left.declarations as Node[])[0]?.id as Node | undefined : left;
        bind(declared, node.right as Node, true);
      } else if (node.type === 'ReturnStatement' && fn && isNode(node.argument)) {
        add(returnHandles, fn, handlesOf(node.argument));
        add(returnTexts, fn, paramsIn(node.argument));
      } else if (node.type === 'ArrowFunctionExpression' && node.expression === true && isNode(node.body)) {
        add(returnHandles, node, handlesOf(node.body));
        add(returnTexts, node, paramsIn(node.body));
      } else if (node.type === 'CallExpression') {
        const callee = node.callee as Node;
        const args = node.arguments as Node[];
        const method = callee.type === 'MemberExpression' && !callee.computed ? String((callee.property as Node).name) : undefined;
        if (method === 'type' || method === 'select') {
          const targets = targetsOf(callee.object as Node);
          for (const param of args.flatMap(paramsIn)) add(found, param, targets);
        } else if (method && CALLBACKS.has(method)) {
          for (const fnNode of args[0] ? called(args[0]) : []) bind((fnNode.params as Node[])[0], callee.object as Node, true);
        } else if (!method) {
          for (const fnNode of called(callee)) (fnNode.params as Node[]).forEach((param, i) => bind(param, args[i]));
        }
      }
    });
  }
  return found;
}

/** A saved script's targets for its secret parameters only. */
export function savedSecretTargets(script: string): Map<string, Set<string>> {
  return new Map([...savedTypeTargets(script)].filter(([param]) => isSecretParam(param)));
}
