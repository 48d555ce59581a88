import { AbortError, ApiError, BudgetError, isErrorNamed, NavigationError, NotFoundError } from '../../protocol/errors.ts';
import { LIST_MEMBERS, PRESS_KEYS, pressKey, TAKES_ARGUMENT } from '../../protocol/script-api.ts';
import { native } from '../interpreter/globals.ts';
import type { CapabilityContext, CapabilitySet } from '../interpreter/run.ts';
import { closest } from '../interpreter/scope.ts';
import { suggestPageName } from './name-suggest.ts';
import { INTL_INSTEAD } from '../interpreter/parse.ts';
import {
  type CallSite, Capability, displayBrief, type ExportedValue, exportValue, importValue, isCallable, misuseIn, misuseOf, NativeFunction,
  type NativeImpl, ScriptArray, toNumber, truthy, type Value,
} from '../interpreter/values.ts';
import {
  ACTION_METHODS, type Bridge, type BridgeMethod, type BridgeTarget, describeTarget, type ScriptName,
} from './bridge.ts';

/**
 * The page API of automation scripts: `$name` handles for the document's elements and lists, and the helpers
 * navigate, wait, waitFor, ask, say and done. Every call goes through the bridge and into the execution log;
 * calls that change the page count against the action budget.
 */

/** Methods each kind of handle offers, with the arguments they take. */
export const ELEMENT_METHODS: Record<string, BridgeMethod> = {
  click: 'click', type: 'type', press: 'press', select: 'select', check: 'check', uncheck: 'uncheck', hover: 'hover', scroll: 'scroll',
  text: 'text', value: 'value', exists: 'exists',
};
export const ITEM_METHODS: Record<string, BridgeMethod> = {
  open: 'click', click: 'click', hover: 'hover', scroll: 'scroll', check: 'check', uncheck: 'uncheck', text: 'text',
  exists: 'exists',
};
export const FIELD_METHODS: Record<string, BridgeMethod> = {
  click: 'click', hover: 'hover', text: 'text', value: 'value', exists: 'exists', check: 'check', uncheck: 'uncheck',
  type: 'type', select: 'select', press: 'press',
};
const TEXT_ARGUMENT: ReadonlySet<BridgeMethod> = new Set(['type', 'select']);
/** What a message (a status line, an alert, an `<output>`: kind `message`) offers: it is read, never acted on. */
const MESSAGE_METHODS: ReadonlySet<string> = new Set(['text', 'value', 'exists']);

const MAX_WAIT_MS = 60_000;

/** Bridge calls that only read the page: what was known of a list's length before them still holds after them. */
const READ_CALLS: ReadonlySet<BridgeMethod> = new Set<BridgeMethod>(['text', 'value', 'exists', 'count', 'find']);

class Api {
  /** Bridge calls so far that may have changed the page (all but reads): a list's length counted at this number holds. */
  changes = 0;
  constructor(readonly bridge: Bridge, readonly context: CapabilityContext) {}

  /** One bridge call: counted (if it acts), bounded by the run's time, logged with its result or error. */
  async call(site: CallSite, call: BridgeMethod, target: BridgeTarget | undefined, args: Value[]): Promise<Value> {
    if (!READ_CALLS.has(call)) this.changes++;
    const description = target ? describeTarget(target) : undefined;
    if (ACTION_METHODS.has(call)) this.context.meter.action(site, `${call}${description ? ` ${description}` : ''}`);
    const wire: ExportedValue[] = args.map((arg) => exportValue(arg, 1000));
    return this.context.logged(site, call, description, args, async () => {
      const result = await this.context.meter.within(this.bridge.call({ call, ...(target ? { target } : {}), args: wire }), site);
      return importValue(result);
    });
  }

  /** `after`: runs once an action went through (an item of a list being gone through checks whether it left the list). */
  method(name: string, call: BridgeMethod, target: BridgeTarget, after?: (site: CallSite) => Promise<void>): NativeFunction {
    return pageMethod(describeTarget(target), name, async (args, site) => {
      if (TEXT_ARGUMENT.has(call) && typeof args[0] !== 'string' && typeof args[0] !== 'number') {
        throw new ApiError(misuseOf(args[0]) ?? `${describeTarget(target)}.${name}() needs a text argument`);
      }
      if (call === 'press') {
        const key = pressKey(args[0]);
        if (!key) {
          throw new ApiError(`${describeTarget(target)}.press() takes one of the keys ${PRESS_KEYS.map((k) => `"${k}"`).join(', ')}, not ${args[0] === undefined ? 'nothing' : typeof args[0] === 'string' ? JSON.stringify(args[0].slice(0, 40)) : displayBrief(args[0], 40)}`);
        }
        return this.call(site, call, target, [key]);
      }
      const result = await this.call(site, call, target, TEXT_ARGUMENT.has(call) ? [String(args[0])] : []);
      if (after && ACTION_METHODS.has(call)) await after(site);
      return result;
    });
  }
}

/**
 * A list being gone through (`for…of`, filter, map, forEach): its items keep the positions they had when it began,
 * as a JavaScript array would. An action on one of them after which the list has one item fewer removed that item,
 * so the items after it are found one place earlier (a loop that removes every todo removed every second one).
 */
class Iteration {
  private readonly removed: number[] = [];
  constructor(private readonly api: Api, private readonly list: string, private count: number) {}
  /** Where the item that was at `start` is now. */
  now(start: number): number {
    return start - this.removed.filter((gone) => gone < start).length;
  }
  async acted(start: number, site: CallSite): Promise<void> {
    const count = toNumber(await this.api.call(site, 'count', { name: this.list }, []));
    if (!Number.isInteger(count)) return;
    if (count === this.count - 1 && !this.removed.includes(start)) this.removed.push(start);
    this.count = count;
  }
}

/**
 * A method of a page handle: used as data (`$x.value` compared, joined into text, returned) it is an ApiError that
 * says to call it.
 */
function pageMethod(owner: string, name: string, impl: NativeImpl, props?: Iterable<[string, Value]>): NativeFunction {
  const call = `.${name}(${TAKES_ARGUMENT.has(name) ? '…' : ''})`;
  return new NativeFunction(name, impl, props ? new Map(props) : undefined, `\`${owner}.${name}\` is a method: call it, \`${call}\``);
}

const elementNotAValue = (handle: string) => `\`${handle}\` is an element: call .text() to read it (.value() for what a field holds or whether a box is ticked)`;

function methodsOf(table: Record<string, BridgeMethod>, key: string): BridgeMethod | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

class ElementHandle extends Capability {
  readonly kind = 'element';
  constructor(private readonly api: Api, readonly target: BridgeTarget, private readonly message = false) {
    super();
  }
  describe(): string {
    return describeTarget(this.target);
  }
  member(key: string): Value | undefined {
    const call = methodsOf(ELEMENT_METHODS, key);
    if (call && this.message && !MESSAGE_METHODS.has(key)) {
      throw new ApiError(`\`${this.describe()}\` is a message the page shows: read it with .text() (.exists() or waitFor(${this.describe()}) for when it says something); .${key}() is for controls`);
    }
    return call ? this.api.method(key, call, this.target) : undefined;
  }
  memberNames(): string[] {
    return this.message ? [...MESSAGE_METHODS] : Object.keys(ELEMENT_METHODS);
  }
  override notAValue(): string {
    return elementNotAValue(this.describe());
  }
}

class FieldHandle extends Capability {
  readonly kind = 'field';
  constructor(private readonly api: Api, readonly target: BridgeTarget, private readonly after?: (site: CallSite) => Promise<void>) {
    super();
  }
  describe(): string {
    return describeTarget(this.target);
  }
  member(key: string): Value | undefined {
    const call = methodsOf(FIELD_METHODS, key);
    return call ? this.api.method(key, call, this.target, this.after) : undefined;
  }
  memberNames(): string[] {
    return Object.keys(FIELD_METHODS);
  }
  override notAValue(): string {
    return elementNotAValue(this.describe());
  }
}

class ItemHandle extends Capability {
  readonly kind = 'item';
  /** `written`: the script named this item by its position (`$list[3]`), not by find() or by going through the list. */
  constructor(private readonly api: Api, private readonly list: ScriptName, private readonly start: number, private readonly written = false,
    private readonly iteration?: Iteration, private readonly holds?: string) {
    super();
  }
  /** Its position now (an item of a list being gone through moves up as earlier ones are removed). */
  get index(): number {
    return this.iteration ? this.iteration.now(this.start) : this.start;
  }
  private get after(): ((site: CallSite) => Promise<void>) | undefined {
    const iteration = this.iteration;
    return iteration ? (site) => iteration.acted(this.start, site) : undefined;
  }
  get target(): BridgeTarget {
    return { name: this.list.name, index: this.index, ...(this.written ? { position: true } : {}), ...(this.holds !== undefined ? { holds: this.holds } : {}) };
  }
  /** The list it is an item of (`$list.indexOf(item)`). */
  get listName(): string {
    return this.list.name;
  }
  /** `open()` is a click on the row's control that opens it (the bridge picks it from the list's fields), not on the row. */
  private methodTarget(key: string): BridgeTarget {
    return key === 'open' ? { ...this.target, open: true } : this.target;
  }
  describe(): string {
    return describeTarget(this.target);
  }
  member(key: string): Value | undefined {
    if (key === 'index') return this.index;
    const fields = this.list.fields ?? [];
    const call = methodsOf(ITEM_METHODS, key);
    if (fields.includes(key)) {
      const field = new FieldHandle(this.api, { ...this.target, field: key }, this.after);
      if (!call) return field;
      // A field named like an item method (a column "text"): called, it is the item's method (`item.text()`); read
      // on, it is the field (`item.text.text()`, `item.text.click()`). It hid the method.
      const method = this.api.method(key, call, this.methodTarget(key), this.after);
      return pageMethod(this.describe(), key, method.impl, Object.keys(FIELD_METHODS).map((name): [string, Value] => [name, field.member(name)!]));
    }
    if (call) return this.api.method(key, call, this.methodTarget(key), this.after);
    const suggestion = closest(key, [...fields, ...Object.keys(ITEM_METHODS)]);
    throw new NotFoundError(
      `items of $${this.list.name} have no field \`${key}\` (fields: ${fields.join(', ') || 'none'})${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
      { name: this.list.name, field: key, ...(suggestion ? { suggestion } : {}) },
    );
  }
  memberNames(): string[] {
    return ['index', ...(this.list.fields ?? []), ...Object.keys(ITEM_METHODS)];
  }
  override notAValue(): string {
    const field = this.list.fields?.[0];
    return `\`${this.describe()}\` is an item of a list: read a field${field ? ` (\`.${field}.text()\`)` : ''} or call .text() for all its text`;
  }
}


class ListHandle extends Capability {
  readonly kind = 'list';
  constructor(private readonly api: Api, readonly list: ScriptName) {
    super();
  }
  describe(): string {
    return `$${this.list.name}`;
  }
  /** The list's length when last counted, and `api.changes` then (`$list.at(i)` asks no more while it holds). */
  private counted: { items: number; changes: number } | undefined;
  private async count(site: CallSite): Promise<number> {
    const n = toNumber(await this.api.call(site, 'count', { name: this.list.name }, []));
    if (!Number.isInteger(n) || n < 0) return 0;
    site.meter.array(n, site);
    this.counted = { items: n, changes: this.api.changes };
    return n;
  }
  private item(i: number, written = false, holds?: string): ItemHandle {
    return new ItemHandle(this.api, this.list, i, written, undefined, holds);
  }
  override async iterate(site: CallSite): Promise<Value[]> {
    const n = await this.count(site);
    const iteration = new Iteration(this.api, this.list.name, n);
    return Array.from({ length: n }, (_, i) => new ItemHandle(this.api, this.list, i, false, iteration));
  }
  override getIndex(i: number): Value {
    return this.item(i, true);
  }
  member(key: string, site: CallSite): Value | Promise<Value> | undefined {
    if (/^-\d+$/.test(key)) throw new NotFoundError(`$${this.list.name}[${key}]: list indexes start at 0`, { name: this.list.name });
    switch (key) {
      case 'length':
        return this.count(site);
      case 'exists':
        return this.method('exists', (_args, s) => this.api.call(s, 'exists', { name: this.list.name }, []));
      case 'scroll':
        // A page action (the end of the list into view, waiting for what that loads); the answer is the length now,
        // counted as `.length` is (the page read again where its items were given one by one) — or, for a list that
        // draws only the rows in view, how far down it is drawn, which the executor answers and which is more.
        return this.method('scroll', async (_args, s) => {
          const far = await this.api.call(s, 'scroll', { name: this.list.name }, []);
          const length = await this.count(s);
          return typeof far === 'number' && typeof length === 'number' && far > length ? far : length;
        });
      case 'find':
        return this.method('find', async (args, s) => {
          // find(fn): the first item fn is true for, as an array's find (null when none is).
          if (isCallable(args[0])) return (await this.first(args[0], s))?.item ?? null;
          if (typeof args[0] !== 'string') {
            throw new ApiError(misuseOf(args[0]) ?? `$${this.list.name}.find() needs the text to look for, or a function such as (item) => item.${this.list.fields?.[0] ?? 'title'}.text() === "…"`);
          }
          const found = await this.api.call(s, 'find', { name: this.list.name }, [args[0]]);
          return typeof found === 'number' && Number.isInteger(found) && found >= 0 ? this.item(found, false, args[0].slice(0, 1000)) : null;
        });
      case 'findIndex':
        return this.method(key, async (args, s) => (await this.first(this.callback(key, args[0]), s))?.item.index ?? -1);
      case 'some':
        return this.method(key, async (args, s) => (await this.first(this.callback(key, args[0]), s)) !== undefined);
      case 'every':
        return this.method(key, async (args, s) => (await this.first(this.callback(key, args[0]), s, true)) === undefined);
      case 'reduce':
        return this.method(key, async (args, s) => {
          const fn = this.callback(key, args[0]);
          const items = await this.iterate(s);
          if (args.length < 2 && !items.length) throw new ApiError(`$${this.list.name}.reduce() of an empty list needs a starting value`);
          let acc = args.length < 2 ? items[0] : args[1];
          for (let i = args.length < 2 ? 1 : 0; i < items.length; i++) {
            s.step();
            acc = await s.call(fn, [acc, items[i], i]);
          }
          return acc;
        });
      case 'slice':
        // The items from `start` to before `end` (counted from the end when negative), as an array's slice.
        return this.method(key, async (args, s) => {
          const items = await this.iterate(s);
          const at = (value: Value, fallback: number) => {
            if (value === undefined) return fallback;
            const n = Math.trunc(toNumber(value)) || 0;
            return n < 0 ? Math.max(0, items.length + n) : Math.min(n, items.length);
          };
          const out = items.slice(at(args[0], 0), at(args[1], items.length));
          s.meter.array(out.length, s, out.length);
          return new ScriptArray(out);
        });
      case 'at':
        // `$list.at(i)` is `$list[i]`; a negative i counts from the end. Past either end it is undefined, as an array's
        // at() (`$list[i]` past the end stays a position: a NotFoundError when read).
        return this.method(key, async (args, s) => {
          const i = Math.trunc(toNumber(args[0] ?? 0)) || 0;
          if (i < 0) {
            const n = await this.count(s);
            return n + i >= 0 ? this.item(n + i) : undefined;
          }
          // Within the length counted since the script last acted: no round trip (a loop of reads costs its reads).
          const known = this.counted?.changes === this.api.changes ? this.counted.items : undefined;
          if (i < (known ?? await this.count(s))) return this.item(i, true);
          return (await this.drawn(i, s)) ? this.item(i, true) : undefined;
        });
      case 'indexOf':
        return this.method(key, (args) => {
          const item = args[0];
          if (!(item instanceof ItemHandle)) {
            throw new ApiError(`$${this.list.name}.indexOf() takes an item of the list; to look for text, use $${this.list.name}.findIndex((item) => item.text().includes("…"))`);
          }
          return item.listName === this.list.name ? item.index : -1;
        });
      case 'filter':
      case 'map':
      case 'forEach':
        return this.method(key, async (args, s) => {
          const fn = this.callback(key, args[0]);
          const items = await this.iterate(s);
          const out: Value[] = [];
          for (const [i, item] of items.entries()) {
            s.step();
            const result = await s.call(fn, [item, i]);
            if (key === 'map') out.push(result);
            else if (key === 'filter' && truthy(result)) out.push(item);
          }
          return key === 'forEach' ? undefined : new ScriptArray(out);
        });
    }
    return undefined;
  }
  private method(name: string, impl: NativeImpl): NativeFunction {
    return pageMethod(this.describe(), name, impl);
  }
  /**
   * Whether item `i`, not there when the list was counted, is there: read as `$list[i]` reads it, which waits for an
   * item an action is still drawing. Only "not on the page" says no; any other failure is the script's.
   */
  private async drawn(i: number, s: CallSite): Promise<boolean> {
    try {
      await this.api.call(s, 'text', { name: this.list.name, index: i, position: true }, []);
    } catch (error) {
      const data = isErrorNamed(error, NotFoundError) ? (error as NotFoundError).data : undefined;
      if (data?.index === i && data.missingField !== true) return false;
      throw error;
    }
    return true;
  }
  private callback(key: string, fn: Value): Value {
    if (!isCallable(fn)) throw new ApiError(misuseOf(fn) ?? `$${this.list.name}.${key}() needs a function`);
    return fn;
  }
  /** Goes through the items as for…of does, to the first that `fn` is true for (false for, with `unless`). */
  private async first(fn: Value, s: CallSite, unless = false): Promise<{ item: ItemHandle } | undefined> {
    const items = await this.iterate(s);
    for (const [i, item] of items.entries()) {
      s.step();
      if (truthy(await s.call(fn, [item, i])) !== unless) return { item: item as ItemHandle };
    }
    return undefined;
  }
  override notAValue(): string {
    return `\`${this.describe()}\` is a list: read its items, e.g. \`${this.describe()}.map((item) => item.text())\``;
  }
  memberNames(): string[] {
    return LIST_MEMBERS;
  }
  /** An item's field or method asked of the whole list (`$list.text()`, `$list.subject`): how to ask it of its items. */
  override missingHint(key: string): string | undefined {
    const list = this.describe();
    if (this.list.fields?.includes(key)) {
      return `it is a list, and \`${key}\` a field of its items: ${list}[0].${key}.text() reads the first, ${list}.map((item) => item.${key}.text()) all of them`;
    }
    if (key === 'text' || key === 'value') {
      // An item has no value() of its own (its fields do): its text.
      return `it is a list: ${list}[0].text() reads an item, ${list}.map((item) => item.text()) all of them`;
    }
    if (Object.hasOwn(ITEM_METHODS, key) || Object.hasOwn(ELEMENT_METHODS, key)) {
      return `it is a list: call .${key}() on one of its items (${list}[0].${key}(), or ${list}.find("…").${key}())`;
    }
    return undefined;
  }
}

function targetOf(value: Value): BridgeTarget | undefined {
  if (value instanceof ElementHandle || value instanceof FieldHandle || value instanceof ItemHandle) return value.target;
  if (value instanceof ListHandle) return { name: value.list.name };
  return undefined;
}

/**
 * What the user is told (done, say, ask) is data: a page handle there would reach them as its name
 * (`"$inbox__messages[0].subject"`), a method as "[function value]". ApiError with what to call instead.
 */
function plain(args: Value[]): void {
  for (const arg of args) {
    const misuse = misuseIn(arg);
    if (misuse) throw new ApiError(misuse);
  }
}

/** The web site an address names (`{ host }`), for a refusal that says which site the script wanted. */
function hostOf(address: string): { host: string } | undefined {
  try {
    const url = new URL(address.trim().replace(/^\/\//, 'https://'));
    return /^https?:$/.test(url.protocol) && url.host ? { host: url.host } : undefined;
  } catch {
    return undefined;
  }
}

/** A same-site path: no scheme (http:, javascript:…), no other host. */
function checkPath(path: string): void {
  if (/^\s*[a-z][a-z0-9+.-]*:/i.test(path) || /^\s*\/\//.test(path) || /^\s*\\/.test(path)) {
    throw new NavigationError(`navigate() takes a path on this site such as "/inbox", not ${JSON.stringify(path.slice(0, 100))}`, hostOf(path));
  }
}

/** The names the bridge reports for the page as it is now (plain data from the other side: checked here). */
/** What the page says since the run's last action, sent with the names (features/automate/page-news.ts). */
function newsFrom(value: ExportedValue): string[] {
  const news = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, ExportedValue>).news : undefined;
  return Array.isArray(news) ? news.filter((n): n is string => typeof n === 'string').slice(0, 3).map((n) => n.slice(0, 300)) : [];
}

function namesFrom(reply: ExportedValue): ScriptName[] {
  const value = reply && typeof reply === 'object' && !Array.isArray(reply) ? (reply as Record<string, ExportedValue>).names : reply;
  if (!Array.isArray(value)) return [];
  const out: ScriptName[] = [];
  for (const item of value.slice(0, 2000)) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const { name, kind, fields } = item as Record<string, ExportedValue>;
    if (typeof name !== 'string' || !/^[\p{L}\p{M}\p{N}_]{1,200}$/u.test(name) || typeof kind !== 'string') continue;
    const list = Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string').slice(0, 100) : undefined;
    out.push({ name, kind: kind.slice(0, 40), ...(list ? { fields: list } : {}) });
  }
  return out;
}

/**
 * Automation capabilities over a bridge, for the names of one page document (`names`: elements, and lists with
 * their fields). A `$name` the document did not list when the run started is asked for again when the script reaches
 * it (`names` on the bridge: the page as it is then, e.g. step 2 of a form after "Next"); still unknown, it is a
 * NotFoundError with the closest existing name.
 */
export function automationCapabilities(bridge: Bridge, names: readonly ScriptName[]): CapabilitySet {
  const byName = new Map(names.map((entry) => [entry.name, entry]));
  /** What the page said since the last action, as the bridge told with the names it read last (page-news.ts). */
  let pageSays: string[] = [];
  const handles = new Map<string, Value>();
  let api: Api | undefined;
  let waitFor: NativeFunction | undefined;
  const handleFor = (name: string): Value | undefined => {
    if (!name.startsWith('$') || !api) return undefined;
    const entry = byName.get(name.slice(1));
    if (!entry) return undefined;
    let handle = handles.get(name);
    if (!handle) {
      handle = entry.kind === 'list' ? new ListHandle(api, entry) : new ElementHandle(api, { name: entry.name }, entry.kind === 'message');
      handles.set(name, handle);
    }
    return handle;
  };
  return {
    name: 'automation',
    defaultBudgets: { timeMs: 120_000 },
    globals(context) {
      api = new Api(bridge, context);
      const a = api;
      return new Map<string, Value>([
        ['navigate', native('navigate', (args, site) => {
          if (typeof args[0] !== 'string' || !args[0]) throw new ApiError('navigate() needs a path such as "/inbox"');
          checkPath(args[0]);
          return a.call(site, 'navigate', undefined, [args[0]]);
        })],
        ['wait', native('wait', (args, site) => {
          const ms = toNumber(args[0]);
          if (!Number.isFinite(ms) || ms < 0 || ms > MAX_WAIT_MS) throw new ApiError(`wait() takes milliseconds between 0 and ${MAX_WAIT_MS}`);
          return context.logged(site, 'wait', undefined, [ms], async () => {
            // Told first: what the bridge read of the page before the wait is read anew after it (page-bridge.ts).
            await context.meter.within(bridge.call({ call: 'wait', args: [ms] }), site);
            await context.meter.within(new Promise((resolve) => setTimeout(resolve, ms)), site);
            return undefined;
          });
        })],
        ['waitFor', waitFor = native('waitFor', (args, site) => {
          const target = targetOf(args[0]);
          if (!target) throw new ApiError('waitFor() needs an element such as $compose_button');
          const timeout = args[1] === undefined ? 5000 : Math.max(0, Math.min(MAX_WAIT_MS, toNumber(args[1]) || 0));
          return a.call(site, 'waitFor', target, [timeout]);
        })],
        ['ask', native('ask', (args, site) => {
          if (args[0] === undefined) throw new ApiError('ask() needs a question');
          plain(args);
          return a.call(site, 'ask', undefined, [displayBrief(args[0], 2000)]);
        })],
        ['say', native('say', async (args, site) => {
          plain(args);
          await a.call(site, 'say', undefined, [args.map((arg) => displayBrief(arg, 4000)).join(' ').slice(0, 4000)]);
          return undefined;
        })],
        ['done', native('done', (args, site) => context.logged(site, 'done', undefined, args, async () => {
          plain(args);
          return context.halt(args[0], 'done');
        }))],
      ]);
    },
    resolve: handleFor,
    // `waitFor($name)` of a name the run has not seen: the bridge waits for the page to bring it (or says it never did).
    nameArgument(callee, name) {
      if (!api || callee !== waitFor || !/^\$[\p{L}\p{M}\p{N}_]{1,200}$/u.test(name)) return undefined;
      return new ElementHandle(api, { name: name.slice(1) });
    },
    async resolveLate(name, context) {
      if (!api) return undefined;
      if (!name.startsWith('$') || byName.has(name.slice(1))) return undefined;
      try {
        // The name it is looking for: a page that is still bringing it (the next page, a late panel) is waited for.
        const now = await context.meter.within(bridge.call({ call: 'names', args: [name.slice(1)] }), undefined);
        for (const entry of namesFrom(now)) if (!byName.has(entry.name)) byName.set(entry.name, entry);
        pageSays = newsFrom(now);
      } catch (error) {
        // The run's own limits still end it, and so does a page that left the run's site; a bridge that cannot say
        // leaves the name unknown.
        if (error instanceof BudgetError || error instanceof AbortError || isErrorNamed(error, NavigationError)) throw error;
        return undefined;
      }
      return handleFor(name);
    },
    names() {
      return [...byName.keys()].map((name) => `$${name}`);
    },
    unknown(name, suggestion) {
      if (name.startsWith('$')) {
        // A section's name (`$just_released_minecraft`, the heading over `$just_released_minecraft__kevin_link`): the document names no page
        // text, only controls, lists and messages; a suggestion of the nearest name sent a model to a photo credit's
        // link (explorer, session 36).
        const inSection = [...byName.keys()].filter((entry) => entry.startsWith(`${name.slice(1)}__`));
        if (inSection.length) {
          const shown = inSection.slice(0, 6).map((entry) => `\`$${entry}\``).join(', ');
          return new NotFoundError(
            `\`${name}\` is a section of the page document, not an element: its entries are ${shown}${inSection.length > 6 ? ', …' : ''}; text that is no control, list or message is not in the document`,
            { name: name.slice(1), section: true },
          );
        }
        // By the element's own words first (names.ts: `section__own`), not by spelling alone.
        const meant = suggestPageName(name.slice(1), [...byName.keys()]);
        const said = meant.suggestion ? `; did you mean \`${meant.suggestion}\`?`
          : meant.alike ? `; names like it: ${meant.alike.map((entry) => `\`${entry}\``).join(', ')}`
          : meant.inSection ? `; its section has ${meant.inSection.map((entry) => `\`${entry}\``).join(', ')}${meant.sectionSize! > meant.inSection.length ? `, … (${meant.sectionSize} names)` : ''}`
          : '';
        // Why it is not there, where the page said so after the last action (a step that refused to go on).
        const news = pageSays.length ? `; after the last action the page says ${pageSays.join(', ')}` : '';
        return new NotFoundError(`no element named \`${name}\` on this page${said}${news}`, { name: name.slice(1), ...(meant.suggestion ? { suggestion: meant.suggestion } : {}) });
      }
      const instead = BROWSER_GLOBALS.get(name);
      if (instead) return new ApiError(`\`${name}\` is not defined: scripts have no browser globals; ${instead}`);
      return new ApiError(`\`${name}\` is not defined${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, suggestion ? { suggestion } : undefined);
    },
  };
}

/** Browser globals models reach for, and what a script uses instead (explorer, session 32: `history.back()`). */
const BROWSER_GLOBALS: ReadonlyMap<string, string> = new Map([
  ['history', 'go to a page of the site with `navigate(path)` or its links ($names)'],
  ['location', 'go to a page of the site with `navigate(path)`; a name\'s link is followed with `.click()`'],
  ['setTimeout', 'wait with `wait(ms)`, or for an element with `waitFor($name)`'],
  ['setInterval', 'wait with `wait(ms)` in a loop'],
  ['alert', 'tell the user with `say(text)`'],
  ['confirm', 'ask the user with `ask(question)`'],
  ['prompt', 'ask the user with `ask(question)`'],
  ['localStorage', 'keep values in variables; `done(result)` returns them'],
  ['sessionStorage', 'keep values in variables; `done(result)` returns them'],
  ['Intl', INTL_INSTEAD],
]);
