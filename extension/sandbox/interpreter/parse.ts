import { parse as acornParse, type Node, type Program } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../protocol/script-api.ts';
import { ScriptSyntaxError } from '../../protocol/errors.ts';
import { FORBIDDEN_IDENTIFIERS, FORBIDDEN_PROPERTIES } from './values.ts';

/** Longest script we parse, and deepest nesting we accept (acorn and the checker are recursive). */
export const MAX_SOURCE_LENGTH = 100_000;
export const MAX_NESTING = 200;

/**
 * Node types of the language subset, with what each one may contain. Anything else is a ScriptSyntaxError with the
 * position of the first offending node. Regular-expression literals are allowed: our own matcher runs them under the
 * run's budgets (regexp.ts), never the host's.
 */
const ALLOWED = new Set([
  'Program', 'ExpressionStatement', 'BlockStatement', 'EmptyStatement', 'VariableDeclaration', 'VariableDeclarator',
  'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ReturnStatement', 'IfStatement',
  'ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement', 'BreakStatement',
  'ContinueStatement', 'ThrowStatement', 'TryStatement', 'CatchClause', 'SwitchStatement', 'SwitchCase',
  'Identifier', 'Literal', 'TemplateLiteral', 'TemplateElement', 'ArrayExpression', 'ObjectExpression', 'Property',
  'SpreadElement', 'UnaryExpression', 'UpdateExpression', 'BinaryExpression', 'LogicalExpression',
  'ConditionalExpression', 'AssignmentExpression', 'CallExpression', 'MemberExpression', 'ChainExpression',
  'SequenceExpression', 'AwaitExpression', 'ArrayPattern', 'ObjectPattern', 'AssignmentPattern', 'RestElement',
  'ParenthesizedExpression', 'LabeledStatement',
]);

const LOOPS = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);

export const REFUSED: Record<string, string> = {
  ClassDeclaration: '`class`', ClassExpression: '`class`', NewExpression: '`new`', ThisExpression: '`this`',
  Super: '`super`', MetaProperty: '`new.target`/`import.meta`', ImportExpression: '`import()`',
  ImportDeclaration: '`import`', ExportNamedDeclaration: '`export`', ExportDefaultDeclaration: '`export`',
  ExportAllDeclaration: '`export`', YieldExpression: '`yield`', WithStatement: '`with`',
  DebuggerStatement: '`debugger`', TaggedTemplateExpression: 'a tagged template', PrivateIdentifier: 'a private name',
  StaticBlock: 'a static block', PropertyDefinition: 'a class field', MethodDefinition: 'a class method',
};

/** The only constructors `new` may call: a script's own errors (`throw new Error("no results")`), plain data. */
export const ERROR_CONSTRUCTORS: ReadonlySet<string> = new Set(['Error', 'TypeError', 'RangeError']);
/** What `new` may make: errors, arrays (`new Array(n).fill(0)`, as `Array(n)`), sets and maps (collections.ts), regexes, dates. */
export const CONSTRUCTORS: ReadonlySet<string> = new Set([...ERROR_CONSTRUCTORS, 'Array', 'Set', 'Map', 'RegExp', 'Date']);
/** What a script writes instead of Intl's formatters, which scripts do not have. */
export const INTL_INSTEAD = 'format with date.toLocaleDateString(locales, options) or number.toLocaleString(locales, options)';
/** What a script means by `new` of what it may not make, and what it writes instead. */
const INSTEAD_OF_NEW: Record<string, string> = {
  WeakMap: 'use a Map',
  WeakSet: 'use a Set',
};

export interface Located {
  line: number;
  column: number;
}

export function positionOf(node: Node): Located {
  const start = node.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : { line: 0, column: 0 };
}

function refuse(what: string, node: Node, hint?: string): never {
  const at = positionOf(node);
  throw new ScriptSyntaxError(`${what} is not supported at ${at.line}:${at.column}${hint ? ` (${hint})` : ''}`, {
    line: at.line, column: at.column,
  });
}

type AnyNode = Node & Record<string, unknown>;

function checkName(name: string, node: Node, asProperty: boolean): void {
  if (asProperty ? FORBIDDEN_PROPERTIES.has(name) : FORBIDDEN_IDENTIFIERS.has(name)) {
    refuse(`\`${name}\``, node, 'scripts only reach the page API and their own values');
  }
}

function checkNode(node: AnyNode, depth: number): void {
  if (depth > MAX_NESTING) refuse('nesting this deep', node);
  const type = node.type;
  const callee = node.callee as AnyNode | undefined;
  const constructed = type === 'NewExpression' && callee?.type === 'Identifier' ? callee.name as string : undefined;
  if (constructed !== undefined && !CONSTRUCTORS.has(constructed) && INSTEAD_OF_NEW[constructed]) {
    refuse(`\`new ${constructed}\``, node, INSTEAD_OF_NEW[constructed]);
  }
  const namespace = type === 'NewExpression' && callee?.type === 'MemberExpression' && (callee.object as AnyNode).type === 'Identifier'
    ? (callee.object as AnyNode).name as string : undefined;
  if (namespace === 'Intl') refuse('`new Intl.…`', node, INTL_INSTEAD);
  if (!ALLOWED.has(type) && !(constructed !== undefined && CONSTRUCTORS.has(constructed))) refuse(REFUSED[type] ?? `\`${type}\``, node);
  switch (type) {
    case 'Identifier':
      checkName(node.name as string, node, false);
      break;
    case 'Literal':
      if (node.bigint !== undefined) refuse('a BigInt literal', node);
      break;
    case 'VariableDeclaration':
      if (node.kind !== 'let' && node.kind !== 'const') refuse(`\`${String(node.kind)}\``, node, 'use let or const');
      break;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.generator) refuse('a generator function', node);
      break;
    case 'Property':
      if (node.kind !== 'init') refuse(`a ${String(node.kind)}ter`, node, 'objects hold plain data');
      if (!node.computed) {
        const key = node.key as AnyNode;
        const name = key.type === 'Identifier' ? (key.name as string) : String(key.value);
        checkName(name, key, true);
      }
      break;
    case 'MemberExpression':
      if (!node.computed) checkName((node.property as AnyNode).name as string, node.property as Node, true);
      else if ((node.property as AnyNode).type === 'Literal') checkName(String((node.property as AnyNode).value), node.property as Node, true);
      break;
    case 'LabeledStatement': {
      // A label serves `break outer` / `continue outer` in nested loops. On anything else it is almost always an
      // object's `key: value` written as a statement, which would run as nothing at all.
      let body = node.body as AnyNode;
      while (body.type === 'LabeledStatement') body = body.body as AnyNode;
      if (!LOOPS.has(body.type as string)) refuse('a label', node, 'only on a loop, for `break label`/`continue label`; an object is written `{ key: value }`');
      break;
    }
    case 'ArrayExpression':
      if ((node.elements as unknown[]).includes(null)) refuse('an array hole', node);
      break;
  }
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'type') continue;
    // Non-computed property keys are names, not variables: they were checked above as properties.
    if (key === 'key' && type === 'Property' && !node.computed) continue;
    if (key === 'property' && type === 'MemberExpression' && !node.computed) continue;
    const child = node[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item && typeof item === 'object' && 'type' in item) checkNode(item as AnyNode, depth + 1);
    } else if (child && typeof child === 'object' && 'type' in child) {
      checkNode(child as AnyNode, depth + 1);
    }
  }
}

/** Parses a script and checks it is inside the subset; every refusal is a ScriptSyntaxError with a position. */
export function parseScript(source: string): Program {
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new ScriptSyntaxError(`the script is longer than ${MAX_SOURCE_LENGTH} characters`, { line: 1, column: 1 });
  }
  let program: Program;
  try {
    program = acornParse(source, {
      ecmaVersion: SCRIPT_ECMA_VERSION,
      sourceType: 'script',
      locations: true,
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      allowHashBang: false,
    });
  } catch (error) {
    if (error instanceof RangeError || /stack space/i.test(String((error as Error)?.message))) {
      throw new ScriptSyntaxError('the script is nested too deeply', { line: 1, column: 1 });
    }
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = error instanceof Error ? error.message.replace(/ \(\d+:\d+\)$/, '') : 'cannot parse the script';
    const line = loc?.line ?? 1;
    const column = (loc?.column ?? 0) + 1;
    // Past the last character: something opened ({, (, [, a string) is never closed — often a script cut short.
    const pos = (error as { pos?: number }).pos;
    const cut = typeof pos === 'number' && source.slice(pos).trim() === '' && /^Unexpected token$/.test(message);
    throw new ScriptSyntaxError(`${cut ? 'the script ends too early (something opened is not closed)' : message} at ${line}:${column}`, { line, column });
  }
  try {
    checkNode(program as unknown as AnyNode, 0);
  } catch (error) {
    if (error instanceof RangeError) throw new ScriptSyntaxError('the script is nested too deeply', { line: 1, column: 1 });
    throw error;
  }
  return program;
}
