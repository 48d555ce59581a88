import type * as A from 'acorn';
import { ApiError, BudgetError, type PocketError, ScriptError, ScriptRuntimeError } from '../../protocol/errors.ts';
import type { Meter, Position } from './budget.ts';
import { instanceOf } from './instance-of.ts';
import { arrayIndex, memberNamesOf, primitiveMember } from './members.ts';
import { binary, concat } from './operators.ts';
import { CONSTRUCTORS, positionOf } from './parse.ts';
import { program as regexProgram, ScriptRegExp } from './regexp.ts';
import { closest, Scope } from './scope.ts';
import {
  type CallSite, Capability, checkCompared, displayBrief, ErrorObject, FORBIDDEN_PROPERTIES, type FunctionNode, isCallable, isFrozen,
  methodOfCapability, NativeFunction, ScriptArray, ScriptFunction, ScriptObject, strictEquals, TooLarge, toNumber, toStr, truthy,
  typeOf, type Value,
} from './values.ts';

/** How a statement ended other than by running on: `break`/`continue` (with their label, if any) or `return`. */
type Signal = undefined | { kind: 'break' | 'continue'; label?: string } | { kind: 'return'; value: Value };
const BREAK: Signal = { kind: 'break' };
const CONTINUE: Signal = { kind: 'continue' };

/**
 * What a loop does after its body ended with `signal`: stop, go on with its next round, or hand the signal on (a
 * `return`, or a labelled `break`/`continue` of a statement around it). `labels` are the loop's own (`outer: for…`).
 */
function afterBody(signal: Signal, labels: readonly string[]): 'stop' | 'next' | Signal {
  if (!signal) return 'next';
  if (signal.kind === 'return') return signal;
  if (signal.label !== undefined && !labels.includes(signal.label)) return signal;
  return signal.kind === 'break' ? 'stop' : 'next';
}

/** Marks an optional chain that stopped at null/undefined (`a?.b.c` is then undefined). */
const SHORT = Symbol('short-circuit');
type Chained = Value | typeof SHORT;

/** A script's `throw`: carries the thrown value, catchable by the script's own try/catch. */
export class Thrown {
  constructor(readonly value: Value, readonly at: Position) {}
}

/** Ends the run on purpose (done(), answer()): not catchable, and finally blocks do not run. */
export class Halt {
  constructor(readonly value: Value, readonly how: string) {}
}

/** What a capability set tells the interpreter about names it provides beyond the globals. */
export interface FreeNames {
  resolve(name: string): Value | undefined;
  /** The error for a name nobody defines (NotFoundError for `$names`, ApiError otherwise). */
  unknown(name: string, suggestion: string | undefined): PocketError;
  names(): string[];
  /** A name `resolve` does not know yet, asked again asynchronously (the page may have changed since the start). */
  resolveLate?(name: string): Promise<Value | undefined>;
  /**
   * A call's first argument that is a free name nobody defines yet (`waitFor($offers__claim)`): what `callee` gets
   * for it, or undefined to resolve it as usual (a callee that waits for the name to exist).
   */
  nameArgument?(callee: Value, name: string): Value | undefined;
}

type ScriptErrorClass = new (message: string, data?: Record<string, unknown>) => ScriptError;

function fail(cls: ScriptErrorClass, message: string, at: Position, data?: Record<string, unknown>): ScriptError {
  return new cls(`${message} at ${at.line}:${at.column}`, { ...data, line: at.line, column: at.column });
}

/** Gives a script error raised without a position (by a capability, a native) the position of `node`. */
function located(error: unknown, at: Position, meter: Meter): unknown {
  if (error instanceof TooLarge) return meter.exceeded('stringLength', at);
  if (error instanceof ScriptError && error.line === undefined) {
    const cls = error.constructor as ScriptErrorClass;
    return fail(cls, error.message, at, error.data);
  }
  return error;
}

/**
 * Errors a script's try/catch may see: its own throws and script errors, never budgets, stops or our bugs — nor the
 * page leaving the run's site, the user taking the tab elsewhere while the run waited, or the user's Cancel: a script
 * that caught those could go on acting (on the other page, or asking again until the user gives in).
 */
function catchable(error: unknown): boolean {
  if (error instanceof Thrown) return true;
  if (!(error instanceof ScriptError) || error instanceof BudgetError) return false;
  const data = error.data as { leftOrigin?: unknown; cancelled?: unknown; pageChanged?: unknown } | undefined;
  return data?.leftOrigin !== true && data?.cancelled !== true && data?.pageChanged !== true;
}

function caughtValue(error: unknown): Value {
  if (error instanceof Thrown) return error.value;
  const e = error as ScriptError;
  const data: Array<[string, Value]> = [];
  // A built-in's error JavaScript would throw as a RangeError or TypeError is one (`data.js`): `e instanceof RangeError`.
  const js = e.data?.js === 'RangeError' || e.data?.js === 'TypeError' ? e.data.js : undefined;
  for (const [key, value] of Object.entries(e.data ?? {})) {
    if (key !== 'js' && (value === null || ['string', 'number', 'boolean'].includes(typeof value))) data.push([key, value as Value]);
  }
  return js ? new ErrorObject(js, e.message, data, js) : new ErrorObject(e.name, e.message, data);
}

export class Interpreter {
  readonly globalScope: Scope;

  constructor(
    private readonly source: string,
    readonly meter: Meter,
    globals: Map<string, Value>,
    private readonly free: FreeNames,
  ) {
    this.globalScope = new Scope(null);
    for (const [name, value] of globals) this.globalScope.declare(name, value, false);
  }

  /** The top-level statement (0-based) that was running when the run failed. */
  failedStatement: number | undefined;

  /** Runs the program; returns the value of its last top-level expression statement (or of a top-level return). */
  async run(program: A.Program): Promise<Value> {
    const scope = new Scope(this.globalScope);
    this.hoist(program.body as A.Statement[], scope);
    let last: Value;
    for (const [index, statement] of (program.body as A.Statement[]).entries()) {
      try {
        if (statement.type === 'ExpressionStatement') {
          await this.tick(statement);
          last = await this.evaluate(statement.expression, scope);
          continue;
        }
        const signal = await this.execute(statement, scope);
        if (signal?.kind === 'return') return signal.value;
      } catch (error) {
        // Which top-level statement was running (the error's own place may be inside a function declared anywhere):
        // the statements before it are what a failed attempt did. Any error (a script's own throw too).
        this.failedStatement = index;
        throw error;
      }
    }
    return last;
  }

  // ── steps, positions, errors ──────────────────────────────────────────────────────────────────────────────

  private async tick(node: A.Node): Promise<void> {
    if (this.meter.step(positionOf(node))) await this.meter.yield(positionOf(node));
  }

  private snippet(node: A.Node): string {
    const text = this.source.slice(node.start, node.end).replace(/\s+/g, ' ');
    return text.length > 40 ? `${text.slice(0, 37)}…` : text;
  }

  site(node: A.Node): CallSite {
    const at = positionOf(node);
    return {
      line: at.line,
      column: at.column,
      meter: this.meter,
      call: (fn, args) => (fn instanceof NativeFunction ? this.nativeFromNative(fn, args, node) : this.callValue(fn, args, node)),
      step: (count = 1) => {
        this.meter.step(at, count);
      },
    };
  }

  // ── statements ────────────────────────────────────────────────────────────────────────────────────────────

  /** let/const are declared at block entry but unusable until their declaration runs; functions are ready. */
  private hoist(body: A.Statement[], scope: Scope): void {
    for (const statement of body) {
      if (statement.type === 'VariableDeclaration') {
        for (const declarator of statement.declarations) {
          for (const name of patternNames(declarator.id)) scope.declare(name, undefined, statement.kind !== 'const', false);
        }
      } else if (statement.type === 'FunctionDeclaration') {
        scope.declare(statement.id.name, new ScriptFunction(statement.id.name, statement as FunctionNode, scope), true);
      }
    }
  }

  private async block(body: A.Statement[], scope: Scope): Promise<Signal> {
    this.hoist(body, scope);
    for (const statement of body) {
      const signal = await this.execute(statement, scope);
      if (signal) return signal;
    }
    return undefined;
  }

  private async execute(node: A.Statement, scope: Scope, labels: readonly string[] = []): Promise<Signal> {
    await this.tick(node);
    switch (node.type) {
      case 'ExpressionStatement':
        await this.evaluate(node.expression, scope);
        return undefined;
      case 'VariableDeclaration':
        for (const declarator of node.declarations) {
          const value = declarator.init ? await this.evaluateNamed(declarator.init, scope, declarator.id) : undefined;
          await this.bind(declarator.id, value, scope, node.kind === 'const' ? 'const' : 'let');
        }
        return undefined;
      case 'FunctionDeclaration':
      case 'EmptyStatement':
        return undefined;
      case 'BlockStatement':
        return this.block(node.body, new Scope(scope));
      case 'ReturnStatement':
        return { kind: 'return', value: node.argument ? await this.evaluate(node.argument, scope) : undefined };
      case 'IfStatement':
        if (this.truthyAt(await this.evaluate(node.test, scope), node.test)) return this.execute(node.consequent, scope);
        return node.alternate ? this.execute(node.alternate, scope) : undefined;
      case 'BreakStatement':
        return node.label ? { kind: 'break', label: node.label.name } : BREAK;
      case 'ContinueStatement':
        return node.label ? { kind: 'continue', label: node.label.name } : CONTINUE;
      case 'LabeledStatement': {
        const own = [...labels, node.label.name];
        const signal = await this.execute(node.body, scope, own);
        // A labelled `break` ends the statement it names (a loop or a block); acorn has checked that the label exists.
        return signal?.kind === 'break' && signal.label !== undefined && own.includes(signal.label) ? undefined : signal;
      }
      case 'ThrowStatement':
        throw new Thrown(await this.evaluate(node.argument, scope), positionOf(node));
      case 'WhileStatement':
        while (this.truthyAt(await this.evaluate(node.test, scope), node.test)) {
          const after = afterBody(await this.execute(node.body, scope), labels);
          if (after === 'stop') break;
          if (after !== 'next') return after;
        }
        return undefined;
      case 'DoWhileStatement':
        do {
          const after = afterBody(await this.execute(node.body, scope), labels);
          if (after === 'stop') break;
          if (after !== 'next') return after;
        } while (this.truthyAt(await this.evaluate(node.test, scope), node.test));
        return undefined;
      case 'ForStatement':
        return this.forLoop(node, scope, labels);
      case 'ForOfStatement':
      case 'ForInStatement':
        return this.forEachLoop(node, scope, labels);
      case 'TryStatement':
        return this.tryStatement(node, scope);
      case 'SwitchStatement':
        return this.switchStatement(node, scope);
      default:
        throw fail(ScriptRuntimeError, `\`${node.type}\` is not supported`, positionOf(node));
    }
  }

  private async forLoop(node: A.ForStatement, outer: Scope, labels: readonly string[]): Promise<Signal> {
    let scope = new Scope(outer);
    const perIteration = node.init?.type === 'VariableDeclaration' && node.init.kind === 'let';
    if (node.init?.type === 'VariableDeclaration') {
      this.hoist([node.init], scope);
      await this.execute(node.init, scope);
    } else if (node.init) await this.evaluate(node.init, scope);
    for (;;) {
      await this.tick(node);
      if (node.test && !this.truthyAt(await this.evaluate(node.test, scope), node.test)) break;
      const after = afterBody(await this.execute(node.body, scope), labels);
      if (after === 'stop') break;
      if (after !== 'next') return after;
      if (perIteration) {
        // Each iteration gets its own copy of the loop variables, so closures capture that iteration's values.
        const next = new Scope(outer);
        for (const [name, binding] of scope.vars) next.declare(name, binding.value, binding.mutable, binding.initialized);
        scope = next;
      }
      if (node.update) await this.evaluate(node.update, scope);
    }
    return undefined;
  }

  private async forEachLoop(node: A.ForOfStatement | A.ForInStatement, outer: Scope, labels: readonly string[]): Promise<Signal> {
    const source = await this.evaluate(node.right, outer);
    const site = this.site(node.right);
    let items: Value[];
    if (node.type === 'ForInStatement') {
      if (source instanceof ScriptObject) items = [...source.props.keys()];
      else if (source instanceof ScriptArray) items = source.items.map((_, i) => String(i));
      else if (typeof source === 'string') items = Array.from({ length: source.length }, (_, i) => String(i));
      else if (source === null || source === undefined) items = [];
      else throw fail(ScriptRuntimeError, `for…in needs an object, got ${typeOf(source)}`, positionOf(node.right));
    } else if (source instanceof ScriptArray) {
      items = source.items; // live, as JavaScript iterates: pushing while iterating continues (budgets stop it)
    } else items = await this.iterate(source, node.right, site);
    for (let i = 0; i < items.length; i++) {
      await this.tick(node);
      const scope = new Scope(outer);
      const left = node.left;
      if (left.type === 'VariableDeclaration') {
        const id = left.declarations[0]!.id;
        for (const name of patternNames(id)) scope.declare(name, undefined, left.kind !== 'const', false);
        await this.bind(id, items[i], scope, left.kind === 'const' ? 'const' : 'let');
      } else await this.bind(left, items[i], scope, 'assign');
      const after = afterBody(await this.execute(node.body, scope), labels);
      if (after === 'stop') break;
      if (after !== 'next') return after;
    }
    return undefined;
  }

  private async tryStatement(node: A.TryStatement, scope: Scope): Promise<Signal> {
    let signal: Signal;
    let pending: { error: unknown } | undefined;
    try {
      signal = await this.block(node.block.body, new Scope(scope));
    } catch (error) {
      if (!catchable(error)) throw error;
      if (node.handler) {
        try {
          const catchScope = new Scope(scope);
          if (node.handler.param) {
            for (const name of patternNames(node.handler.param)) catchScope.declare(name, undefined, true, false);
            await this.bind(node.handler.param, caughtValue(error), catchScope, 'let');
          }
          signal = await this.block(node.handler.body.body, catchScope);
        } catch (again) {
          if (!catchable(again)) throw again;
          pending = { error: again };
        }
      } else pending = { error };
    }
    if (node.finalizer) {
      const after = await this.block(node.finalizer.body, new Scope(scope));
      if (after) return after;
    }
    if (pending) throw pending.error;
    return signal;
  }

  private async switchStatement(node: A.SwitchStatement, outer: Scope): Promise<Signal> {
    const value = await this.evaluate(node.discriminant, outer);
    const scope = new Scope(outer);
    this.hoist(node.cases.flatMap((c) => c.consequent), scope);
    let start = -1;
    for (let i = 0; i < node.cases.length && start < 0; i++) {
      const test = node.cases[i]!.test;
      if (!test) continue;
      const against = await this.evaluate(test, scope);
      try {
        checkCompared(value, against);
      } catch (error) {
        throw located(error, positionOf(node.discriminant), this.meter);
      }
      if (strictEquals(value, against)) start = i;
    }
    if (start < 0) start = node.cases.findIndex((c) => !c.test);
    if (start < 0) return undefined;
    for (const switchCase of node.cases.slice(start)) {
      for (const statement of switchCase.consequent) {
        const signal = await this.execute(statement, scope);
        if (signal === BREAK) return undefined;
        if (signal) return signal;
      }
    }
    return undefined;
  }

  // ── patterns and variables ────────────────────────────────────────────────────────────────────────────────

  private async bind(pattern: A.Pattern, value: Value, scope: Scope, mode: 'let' | 'const' | 'assign' | 'param'): Promise<void> {
    switch (pattern.type) {
      case 'Identifier':
        if (mode === 'assign') return this.write(pattern, value, scope);
        if (mode === 'param') {
          scope.declare(pattern.name, value, true);
          return;
        }
        {
          const binding = scope.vars.get(pattern.name) ?? scope.declare(pattern.name, undefined, mode === 'let', false);
          binding.value = value;
          binding.initialized = true;
        }
        return;
      case 'MemberExpression': {
        const object = await this.evaluate(pattern.object as A.Expression, scope);
        const key = await this.memberKey(pattern, scope);
        return this.setMember(object, key, value, pattern);
      }
      case 'AssignmentPattern': {
        const actual = value === undefined ? await this.evaluateNamed(pattern.right, scope, pattern.left) : value;
        return this.bind(pattern.left, actual, scope, mode);
      }
      case 'ArrayPattern': {
        const items = value instanceof ScriptArray ? value.items : await this.iterate(value, pattern, this.site(pattern));
        for (let i = 0; i < pattern.elements.length; i++) {
          const element = pattern.elements[i];
          if (!element) continue;
          if (element.type === 'RestElement') {
            const rest = items.slice(i);
            this.meter.array(rest.length, positionOf(element), rest.length);
            await this.bind(element.argument, new ScriptArray(rest), scope, mode);
            break;
          }
          await this.bind(element, items[i], scope, mode);
        }
        return;
      }
      case 'ObjectPattern': {
        if (value === null || value === undefined) {
          throw fail(ScriptRuntimeError, `cannot destructure ${String(value)}`, positionOf(pattern));
        }
        const used = new Set<string>();
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') {
            const rest = new ScriptObject();
            if (value instanceof ScriptObject) {
              this.meter.array(value.props.size, positionOf(property), value.props.size);
              for (const [k, v] of value.props) if (!used.has(k)) rest.props.set(k, v);
            }
            await this.bind(property.argument, rest, scope, mode);
            continue;
          }
          const key = property.computed
            ? this.propertyKey(await this.evaluate(property.key, scope), property.key)
            : keyName(property.key);
          used.add(String(key));
          await this.bind(property.value, await this.getMember(value, key, property), scope, mode);
        }
        return;
      }
      case 'RestElement':
        return this.bind(pattern.argument, value, scope, mode);
    }
  }

  private read(node: A.Identifier, scope: Scope): Value {
    const binding = scope.lookup(node.name);
    if (binding) {
      if (!binding.initialized) {
        throw fail(ScriptRuntimeError, `\`${node.name}\` is used before its let/const declaration`, positionOf(node));
      }
      return binding.value;
    }
    const value = this.free.resolve(node.name);
    if (value !== undefined) return value;
    const suggestion = closest(node.name, [...scope.names(), ...this.free.names()].filter((n) => n.startsWith('$') === node.name.startsWith('$')));
    throw located(this.free.unknown(node.name, suggestion), positionOf(node), this.meter);
  }

  private write(node: A.Identifier, value: Value, scope: Scope): void {
    const binding = scope.lookup(node.name);
    const at = positionOf(node);
    if (!binding) throw fail(ScriptRuntimeError, `\`${node.name}\` is not declared (use let or const)`, at);
    if (!binding.initialized) throw fail(ScriptRuntimeError, `\`${node.name}\` is used before its let/const declaration`, at);
    if (!binding.mutable) throw fail(ScriptRuntimeError, `\`${node.name}\` is a constant`, at);
    binding.value = value;
  }

  // ── expressions ───────────────────────────────────────────────────────────────────────────────────────────

  /** Evaluates an initializer, naming an anonymous function after the variable it is assigned to. */
  private async evaluateNamed(node: A.Expression, scope: Scope, target: A.Pattern): Promise<Value> {
    if ((node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') && !node.id && target.type === 'Identifier') {
      await this.tick(node);
      return new ScriptFunction(target.name, node as FunctionNode, scope);
    }
    return this.evaluate(node, scope);
  }

  /** truthy(), raising at `node` what it raises (a page method tested for truth: `if ($x.exists)`). */
  private truthyAt(value: Value, node: A.Node): boolean {
    try {
      return truthy(value);
    } catch (error) {
      throw located(error, positionOf(node), this.meter);
    }
  }

  async evaluate(node: A.Expression, scope: Scope): Promise<Value> {
    try {
      const value = await this.chain(node, scope);
      return value === SHORT ? undefined : value;
    } catch (error) {
      throw located(error, positionOf(node), this.meter);
    }
  }

  private async chain(node: A.Expression, scope: Scope): Promise<Chained> {
    await this.tick(node);
    switch (node.type) {
      case 'Literal':
        // A regex literal makes a new regex each time it is evaluated, as in JavaScript (acorn's host RegExp is never used).
        if ('regex' in node && node.regex) return new ScriptRegExp(regexProgram(node.regex.pattern, node.regex.flags));
        return node.value as Value;
      case 'Identifier':
        if (this.free.resolveLate && !scope.lookup(node.name) && this.free.resolve(node.name) === undefined) {
          const late = await this.free.resolveLate(node.name);
          if (late !== undefined) return late;
        }
        return this.read(node, scope);
      case 'TemplateLiteral': {
        const parts: Value[] = [];
        for (let i = 0; i < node.quasis.length; i++) {
          parts.push(node.quasis[i]!.value.cooked ?? '');
          if (i < node.expressions.length) parts.push(await this.evaluate(node.expressions[i]!, scope));
        }
        return concat(parts, this.meter, positionOf(node));
      }
      case 'ArrayExpression': {
        const items = await this.list(node.elements as Array<A.Expression | A.SpreadElement>, scope);
        this.meter.array(items.length, positionOf(node), items.length);
        return new ScriptArray(items);
      }
      case 'ObjectExpression':
        return this.objectLiteral(node, scope);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        if (node.type === 'FunctionExpression' && node.id) {
          const own = new Scope(scope);
          const fn = new ScriptFunction(node.id.name, node as FunctionNode, own);
          own.declare(node.id.name, fn, false);
          return fn;
        }
        return new ScriptFunction('anonymous', node as FunctionNode, scope);
      }
      case 'UnaryExpression':
        return this.unary(node, scope);
      case 'UpdateExpression': {
        const target = node.argument;
        let old: number;
        let next: number;
        if (target.type === 'MemberExpression') {
          const object = await this.evaluate(target.object as A.Expression, scope);
          const key = await this.memberKey(target, scope);
          old = toNumber(await this.getMember(object, key, target));
          next = node.operator === '++' ? old + 1 : old - 1;
          this.setMember(object, key, next, target);
        } else if (target.type === 'Identifier') {
          old = toNumber(this.read(target, scope));
          next = node.operator === '++' ? old + 1 : old - 1;
          this.write(target, next, scope);
        } else throw fail(ScriptRuntimeError, `\`${node.operator}\` needs a variable or a property`, positionOf(node));
        return node.prefix ? next : old;
      }
      case 'BinaryExpression': {
        const left = await this.evaluate(node.left as A.Expression, scope);
        const right = await this.evaluate(node.right, scope);
        if (node.operator === 'instanceof') return instanceOf(left, right, () => this.snippet(node.right));
        return binary(node.operator, left, right, this.meter, positionOf(node));
      }
      case 'LogicalExpression': {
        const left = await this.evaluate(node.left, scope);
        if (node.operator === '&&') return this.truthyAt(left, node.left) ? this.evaluate(node.right, scope) : left;
        if (node.operator === '||') return this.truthyAt(left, node.left) ? left : this.evaluate(node.right, scope);
        return left === null || left === undefined ? this.evaluate(node.right, scope) : left;
      }
      case 'ConditionalExpression':
        return this.truthyAt(await this.evaluate(node.test, scope), node.test)
          ? this.evaluate(node.consequent, scope)
          : this.evaluate(node.alternate, scope);
      case 'AssignmentExpression':
        return this.assignment(node, scope);
      case 'SequenceExpression': {
        let value: Value;
        for (const expression of node.expressions) value = await this.evaluate(expression, scope);
        return value;
      }
      case 'AwaitExpression':
      case 'ParenthesizedExpression':
        return this.evaluate(node.type === 'AwaitExpression' ? node.argument : node.expression, scope);
      case 'ChainExpression': {
        const value = await this.chain(node.expression, scope);
        return value === SHORT ? undefined : value;
      }
      case 'MemberExpression': {
        const object = await this.chain(node.object as A.Expression, scope);
        if (object === SHORT) return SHORT;
        if (node.optional && (object === null || object === undefined)) return SHORT;
        return this.getMember(object, await this.memberKey(node, scope), node);
      }
      case 'CallExpression':
        return this.call(node, scope);
      case 'NewExpression': {
        // The parser lets through only `new` of CONSTRUCTORS (errors, Array, Set, Map, RegExp, Date); the name must still be ours.
        const fn = await this.evaluate(node.callee as A.Expression, scope);
        if (!(fn instanceof NativeFunction) || !CONSTRUCTORS.has(fn.name)) {
          throw fail(ScriptRuntimeError, `\`new\` only makes errors, arrays, sets, maps, regexes and dates, and \`${this.snippet(node.callee)}\` here is not the built-in one`, positionOf(node));
        }
        const made = fn.construct ? new NativeFunction(fn.name, fn.construct) : fn;
        return this.callValue(made, await this.list(node.arguments, scope), node);
      }
      default:
        throw fail(ScriptRuntimeError, `\`${node.type}\` is not supported`, positionOf(node));
    }
  }

  private async list(elements: Array<A.Expression | A.SpreadElement>, scope: Scope): Promise<Value[]> {
    const out: Value[] = [];
    for (const element of elements) {
      if (element.type === 'SpreadElement') {
        const value = await this.evaluate(element.argument, scope);
        const items = await this.iterate(value, element, this.site(element));
        this.meter.array(out.length + items.length, positionOf(element), items.length);
        out.push(...items);
      } else out.push(await this.evaluate(element, scope));
    }
    return out;
  }

  private async objectLiteral(node: A.ObjectExpression, scope: Scope): Promise<ScriptObject> {
    const object = new ScriptObject();
    const grow = (at: A.Node) => {
      this.meter.array(object.props.size, positionOf(at), 1);
    };
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        const source = await this.evaluate(property.argument, scope);
        // Every entry copied is allocated (`{...big}` in a loop would otherwise grow the heap for free).
        const adding = source instanceof ScriptObject ? source.props.size : source instanceof ScriptArray ? source.items.length
          : typeof source === 'string' ? source.length : 0;
        this.meter.array(object.props.size + adding, positionOf(property), adding);
        if (source instanceof ScriptObject) for (const [k, v] of source.props) object.props.set(k, v);
        else if (source instanceof ScriptArray) source.items.forEach((v, i) => object.props.set(String(i), v));
        else if (typeof source === 'string') source.split('').forEach((c, i) => object.props.set(String(i), c));
        else if (source !== null && source !== undefined && typeof source !== 'string') {
          throw fail(ScriptRuntimeError, `cannot spread ${typeOf(source)} into an object`, positionOf(property));
        }
        grow(property);
        continue;
      }
      const key = String(property.computed
        ? this.propertyKey(await this.evaluate(property.key, scope), property.key)
        : keyName(property.key));
      const valueNode = property.value;
      const value = (valueNode.type === 'FunctionExpression' || valueNode.type === 'ArrowFunctionExpression') && !valueNode.id
        ? new ScriptFunction(key, valueNode as FunctionNode, scope)
        : await this.evaluate(valueNode, scope);
      object.props.set(key, value);
      grow(property);
    }
    return object;
  }

  private async unary(node: A.UnaryExpression, scope: Scope): Promise<Value> {
    if (node.operator === 'typeof' && node.argument.type === 'Identifier') {
      const name = node.argument.name;
      if (!scope.lookup(name) && this.free.resolve(name) === undefined) return 'undefined';
    }
    if (node.operator === 'delete') {
      const target = node.argument;
      if (target.type !== 'MemberExpression') throw fail(ScriptRuntimeError, '`delete` needs a property', positionOf(node));
      const object = await this.evaluate(target.object as A.Expression, scope);
      const key = await this.memberKey(target, scope);
      if (!(object instanceof ScriptObject)) throw fail(ScriptRuntimeError, '`delete` only works on plain objects', positionOf(node));
      if (isFrozen(object)) throw fail(ScriptRuntimeError, `cannot delete \`${String(key).slice(0, 60)}\`: the object is frozen (Object.freeze)`, positionOf(node), { js: 'TypeError' });
      return object.props.delete(String(key));
    }
    const value = await this.evaluate(node.argument, scope);
    switch (node.operator) {
      case '-': return -toNumber(value);
      case '+': return toNumber(value);
      case '!': return !this.truthyAt(value, node.argument);
      case '~': return ~toNumber(value);
      case 'typeof': return typeOf(value);
      case 'void': return undefined;
    }
    return undefined;
  }

  private async assignment(node: A.AssignmentExpression, scope: Scope): Promise<Value> {
    const target = node.left;
    if (node.operator === '=' && target.type === 'MemberExpression') {
      // The target's object and key before the value, as JavaScript does: `a[i++] = i` writes the new i at the old.
      const object = await this.evaluate(target.object as A.Expression, scope);
      const key = await this.memberKey(target, scope);
      const value = await this.evaluateNamed(node.right, scope, target);
      this.setMember(object, key, value, target);
      return value;
    }
    if (node.operator === '=') {
      const value = await this.evaluateNamed(node.right, scope, target);
      await this.assignTo(target, value, scope);
      return value;
    }
    if (target.type !== 'Identifier' && target.type !== 'MemberExpression') {
      throw fail(ScriptRuntimeError, `\`${node.operator}\` needs a variable or a property`, positionOf(node));
    }
    // Read the target once (object and key evaluated once), then combine and write back.
    let object: Value;
    let key: string | number = '';
    let current: Value;
    if (target.type === 'MemberExpression') {
      object = await this.evaluate(target.object as A.Expression, scope);
      key = await this.memberKey(target, scope);
      current = await this.getMember(object, key, target);
    } else current = this.read(target, scope);
    let value: Value;
    if (node.operator === '&&=' || node.operator === '||=' || node.operator === '??=') {
      const keep = node.operator === '&&=' ? !truthy(current) : node.operator === '||=' ? truthy(current) : current !== null && current !== undefined;
      if (keep) return current;
      value = await this.evaluate(node.right, scope);
    } else {
      const right = await this.evaluate(node.right, scope);
      value = binary(node.operator.slice(0, -1) as A.BinaryOperator, current, right, this.meter, positionOf(node));
    }
    if (target.type === 'MemberExpression') await this.setMember(object, key, value, target);
    else this.write(target, value, scope);
    return value;
  }

  private async assignTo(target: A.Pattern, value: Value, scope: Scope): Promise<void> {
    if (target.type === 'Identifier') this.write(target, value, scope);
    else await this.bind(target, value, scope, 'assign');
  }

  // ── members ───────────────────────────────────────────────────────────────────────────────────────────────

  private propertyKey(value: Value, node: A.Node): string | number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
    const key = typeof value === 'string' ? value : toStr(value, 1000);
    if (FORBIDDEN_PROPERTIES.has(key)) throw fail(ApiError, `\`${key}\` is not available to scripts`, positionOf(node));
    return key;
  }

  private async memberKey(node: A.MemberExpression, scope: Scope): Promise<string | number> {
    if (!node.computed) return (node.property as A.Identifier).name;
    return this.propertyKey(await this.evaluate(node.property as A.Expression, scope), node.property);
  }

  async getMember(object: Value, key: string | number, node: A.Node): Promise<Value> {
    const at = positionOf(node);
    if (typeof key === 'string' && FORBIDDEN_PROPERTIES.has(key)) throw fail(ApiError, `\`${key}\` is not available to scripts`, at);
    if (object === null || object === undefined) {
      throw fail(ScriptRuntimeError, `cannot read \`${key}\` of ${String(object)} (${this.snippet(node)})`, at);
    }
    if (object instanceof Capability) {
      const site = this.site(node);
      const index = arrayIndex(key);
      let value: Value | undefined;
      if (index !== undefined && object.getIndex) value = await object.getIndex(index, site);
      else value = await object.member(String(key), site);
      if (value === undefined && !(index !== undefined && object.getIndex)) {
        const hint = object.missingHint?.(String(key));
        const suggestion = hint ? undefined : closest(String(key), object.memberNames());
        throw fail(ApiError, `${object.describe()} has no \`${key}\`${hint ? `: ${hint}` : suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, at, {
          ...(suggestion ? { suggestion } : {}), available: object.memberNames().join(', '),
        });
      }
      return value instanceof NativeFunction ? methodOfCapability(object, String(key), value) : value;
    }
    return primitiveMember(object, key);
  }

  private setMember(object: Value, key: string | number, value: Value, node: A.Node): void {
    const at = positionOf(node);
    if (typeof key === 'string' && FORBIDDEN_PROPERTIES.has(key)) throw fail(ApiError, `\`${key}\` is not available to scripts`, at);
    if (isFrozen(object) && (object instanceof ScriptObject || object instanceof ScriptArray)) {
      throw fail(ScriptRuntimeError, `cannot set \`${String(key).slice(0, 60)}\`: the ${object instanceof ScriptArray ? 'array' : 'object'} is frozen (Object.freeze)`, at, { js: 'TypeError' });
    }
    if (object instanceof ScriptObject) {
      const name = String(key);
      if (!object.props.has(name)) this.meter.array(object.props.size + 1, at, 1);
      object.props.set(name, value);
      return;
    }
    if (object instanceof ScriptArray) {
      const index = arrayIndex(key);
      if (index === undefined) throw fail(ScriptRuntimeError, `arrays only take index assignments, not \`${key}\` (use push, pop or splice)`, at);
      if (index > object.items.length) throw fail(ScriptRuntimeError, `index ${index} is past the end of the array (length ${object.items.length})`, at);
      if (index === object.items.length) this.meter.array(index + 1, at, 1);
      object.items[index] = value;
      return;
    }
    if (object instanceof ScriptRegExp && object.assign(String(key), value)) return;
    if (object instanceof Capability) {
      throw fail(ApiError, `${object.describe()} cannot be assigned to (use its methods, such as .type(text))`, at);
    }
    throw fail(ScriptRuntimeError, `cannot set \`${key}\` on ${object === null || object === undefined ? String(object) : typeOf(object)}`, at);
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────────────────────────

  private async call(node: A.CallExpression, scope: Scope): Promise<Chained> {
    const callee = node.callee as A.Expression;
    let fn: Value;
    if (callee.type === 'MemberExpression') {
      const object = await this.chain(callee.object as A.Expression, scope);
      if (object === SHORT) return SHORT;
      if (callee.optional && (object === null || object === undefined)) return SHORT;
      const key = await this.memberKey(callee, scope);
      fn = await this.getMember(object, key, callee);
      if (fn === undefined && !node.optional && object !== null && object !== undefined) {
        const known = memberNamesOf(object);
        const suggestion = closest(String(key), known);
        const owner = object instanceof Capability ? object.describe() : typeOf(object) === 'object' && object instanceof ScriptArray ? 'an array' : `a ${typeOf(object)}`;
        throw fail(ApiError, `${owner} has no method \`${key}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, positionOf(callee), suggestion ? { suggestion } : undefined);
      }
    } else {
      const value = await this.chain(callee, scope);
      if (value === SHORT) return SHORT;
      fn = value;
    }
    if (node.optional && (fn === null || fn === undefined)) return SHORT;
    if (!isCallable(fn)) {
      throw fail(ScriptRuntimeError, `\`${this.snippet(callee)}\` is not a function (it is ${displayBrief(fn, 60)})`, positionOf(node));
    }
    const [first, ...rest] = node.arguments;
    const named = first?.type === 'Identifier' && this.free.nameArgument && !scope.lookup(first.name) && this.free.resolve(first.name) === undefined
      ? this.free.nameArgument(fn, first.name) : undefined;
    const args = named === undefined ? await this.list(node.arguments, scope) : [named, ...await this.list(rest, scope)];
    return this.callValue(fn, args, node);
  }

  /**
   * A built-in called by a built-in (a bound forEach as its own callback) nests like a script call: with no script
   * function between them, nothing else would count it. (A built-in the script calls, or that calls the script's own
   * callback, adds no level: recursion through map keeps its depth.)
   */
  private async nativeFromNative(fn: NativeFunction, args: Value[], node: A.Node): Promise<Value> {
    if (this.meter.depth + 1 > this.meter.budgets.callDepth) throw this.meter.exceeded('callDepth', positionOf(node));
    this.meter.depth += 1;
    try {
      return await this.callValue(fn, args, node);
    } finally {
      this.meter.depth -= 1;
    }
  }

  async callValue(fn: Value, args: Value[], node: A.Node): Promise<Value> {
    if (fn instanceof NativeFunction) {
      try {
        return await fn.impl(args, this.site(node));
      } catch (error) {
        throw located(error, positionOf(node), this.meter);
      }
    }
    if (!(fn instanceof ScriptFunction)) {
      throw fail(ScriptRuntimeError, `${displayBrief(fn, 60)} is not a function`, positionOf(node));
    }
    const at = positionOf(node);
    if (this.meter.depth + 1 > this.meter.budgets.callDepth) throw this.meter.exceeded('callDepth', at);
    this.meter.depth += 1;
    try {
      const scope = new Scope(fn.closure as Scope);
      const params = fn.node.params as A.Pattern[];
      for (let i = 0; i < params.length; i++) {
        const param = params[i]!;
        if (param.type === 'RestElement') {
          const rest = args.slice(i);
          this.meter.array(rest.length, at, rest.length);
          await this.bind(param.argument, new ScriptArray(rest), scope, 'param');
          break;
        }
        await this.bind(param, args[i], scope, 'param');
      }
      if (fn.node.type === 'ArrowFunctionExpression' && fn.node.expression) {
        return await this.evaluate(fn.node.body as A.Expression, scope);
      }
      const body = (fn.node.body as A.BlockStatement).body;
      this.hoist(body, scope);
      for (const statement of body) {
        const signal = await this.execute(statement, scope);
        if (signal?.kind === 'return') return signal.value;
      }
      return undefined;
    } finally {
      this.meter.depth -= 1;
    }
  }

  /** Items of anything `for…of` and spread accept. */
  async iterate(value: Value, node: A.Node, site: CallSite): Promise<Value[]> {
    if (value instanceof ScriptArray) return [...value.items];
    if (typeof value === 'string') {
      const chars = [...value];
      this.meter.array(chars.length, positionOf(node), chars.length);
      return chars;
    }
    if (value instanceof Capability && value.iterate) return value.iterate(site);
    const what = value instanceof ScriptObject ? 'a plain object (use Object.keys, Object.values or Object.entries)' : typeOf(value);
    throw fail(ScriptRuntimeError, `cannot iterate over ${what}`, positionOf(node));
  }

}

function keyName(key: A.Expression | A.PrivateIdentifier): string | number {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return typeof key.value === 'number' ? key.value : String(key.value);
  return '';
}

/** Names a pattern declares (for hoisting let/const). */
function patternNames(pattern: A.Pattern): string[] {
  switch (pattern.type) {
    case 'Identifier': return [pattern.name];
    case 'AssignmentPattern': return patternNames(pattern.left);
    case 'RestElement': return patternNames(pattern.argument);
    case 'ArrayPattern': return pattern.elements.flatMap((element) => (element ? patternNames(element) : []));
    case 'ObjectPattern': return pattern.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p : p.value));
    default: return [];
  }
}

