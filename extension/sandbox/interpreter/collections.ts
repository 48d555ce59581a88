/**
 * `new Set(…)` and `new Map(…)`, which models write to count distinct values and tally them: our own values over
 * script values (JavaScript's SameValueZero and insertion order), reached only through `member`, as every capability
 * is. A set or map leaves a run as plain data: a set as its values, a map as an object of its keys (or its pairs).
 */
import { ScriptRuntimeError } from '../../protocol/errors.ts';
import { Capability, type CallSite, type ExportedValue, exportValue, isCallable, isPrimitive, NativeFunction, type NativeImpl, ScriptArray, ScriptObject, toStr, typeOf, type Value } from './values.ts';

const SET_MEMBERS = ['size', 'has', 'add', 'delete', 'clear', 'forEach', 'values', 'keys', 'entries'];
const MAP_MEMBERS = ['size', 'get', 'set', 'has', 'delete', 'clear', 'forEach', 'values', 'keys', 'entries'];
/** What decoders may let a script call on a set or a map (script-api.ts VALUE_MEMBERS holds them too). */
export const COLLECTION_MEMBERS: readonly string[] = [...new Set([...SET_MEMBERS, ...MAP_MEMBERS])];

const method = (name: string, impl: NativeImpl) => new NativeFunction(name, impl);

function array(items: Value[], site: CallSite): ScriptArray {
  site.meter.array(items.length, site, items.length);
  return new ScriptArray(items);
}

function callbackOf(value: Value, what: string): Value {
  if (!isCallable(value)) throw new ScriptRuntimeError(`${what}.forEach() needs a function, got ${typeOf(value)}`);
  return value;
}

/** The values `new Set(x)` / `new Map(x)` take from `x`: an array, a string's characters, a set, a map's pairs, a page list. */
async function itemsOf(source: Value, what: string, site: CallSite): Promise<Value[]> {
  if (source === undefined || source === null) return [];
  if (source instanceof ScriptArray) return [...source.items];
  if (typeof source === 'string') return [...source];
  if (source instanceof Capability && source.iterate) return source.iterate(site);
  throw new ScriptRuntimeError(`new ${what}() takes an array (or nothing), not ${typeOf(source)}`);
}

export class ScriptSet extends Capability {
  readonly kind = 'set';
  readonly items = new Set<Value>();

  static async from(source: Value, site: CallSite): Promise<ScriptSet> {
    const set = new ScriptSet();
    for (const item of await itemsOf(source, 'Set', site)) set.add(item, site);
    return set;
  }

  add(item: Value, site: CallSite): void {
    if (this.items.has(item)) return;
    site.meter.array(this.items.size + 1, site, 1);
    this.items.add(item);
  }

  describe(): string {
    return `Set(${this.items.size})`;
  }

  member(key: string): Value | undefined {
    switch (key) {
      case 'size': return this.items.size;
      case 'has': return method('has', (a) => this.items.has(a[0]));
      case 'add': return method('add', (a, site) => {
        this.add(a[0], site);
        return this;
      });
      case 'delete': return method('delete', (a) => this.items.delete(a[0]));
      case 'clear': return method('clear', () => {
        this.items.clear();
        return undefined;
      });
      case 'forEach': return method('forEach', async (a, site) => {
        const fn = callbackOf(a[0], 'Set');
        // Live, as JavaScript iterates: an item added during the walk is visited too (budgets stop a runaway).
        for (const item of this.items) {
          site.step();
          await site.call(fn, [item, item, this]);
        }
        return undefined;
      });
      case 'values':
      case 'keys': return method(key, (_a, site) => array([...this.items], site));
      case 'entries': return method('entries', (_a, site) => array([...this.items].map((item) => new ScriptArray([item, item])), site));
      default: return undefined;
    }
  }

  memberNames(): string[] {
    return SET_MEMBERS;
  }

  override iterate(): Promise<Value[]> {
    return Promise.resolve([...this.items]);
  }

  override exportAs(): ExportedValue {
    return exportValue(new ScriptArray([...this.items]));
  }
}

export class ScriptMap extends Capability {
  readonly kind = 'map';
  readonly entries = new Map<Value, Value>();

  static async from(source: Value, site: CallSite): Promise<ScriptMap> {
    const map = new ScriptMap();
    for (const pair of await itemsOf(source, 'Map', site)) {
      if (!(pair instanceof ScriptArray)) throw new ScriptRuntimeError(`new Map() takes [key, value] pairs, not ${typeOf(pair)}`);
      map.set(pair.items[0], pair.items[1], site);
    }
    return map;
  }

  set(key: Value, value: Value, site: CallSite): void {
    if (!this.entries.has(key)) site.meter.array(this.entries.size + 1, site, 2);
    this.entries.set(key, value);
  }

  describe(): string {
    return `Map(${this.entries.size})`;
  }

  member(key: string): Value | undefined {
    switch (key) {
      case 'size': return this.entries.size;
      case 'get': return method('get', (a) => this.entries.get(a[0]));
      case 'set': return method('set', (a, site) => {
        this.set(a[0], a[1], site);
        return this;
      });
      case 'has': return method('has', (a) => this.entries.has(a[0]));
      case 'delete': return method('delete', (a) => this.entries.delete(a[0]));
      case 'clear': return method('clear', () => {
        this.entries.clear();
        return undefined;
      });
      case 'forEach': return method('forEach', async (a, site) => {
        const fn = callbackOf(a[0], 'Map');
        for (const [k, v] of this.entries) {
          site.step();
          await site.call(fn, [v, k, this]);
        }
        return undefined;
      });
      case 'keys': return method('keys', (_a, site) => array([...this.entries.keys()], site));
      case 'values': return method('values', (_a, site) => array([...this.entries.values()], site));
      case 'entries': return method('entries', (_a, site) => array(this.pairs(), site));
      default: return undefined;
    }
  }

  memberNames(): string[] {
    return MAP_MEMBERS;
  }

  private pairs(): ScriptArray[] {
    return [...this.entries].map(([k, v]) => new ScriptArray([k, v]));
  }

  override iterate(): Promise<Value[]> {
    return Promise.resolve(this.pairs());
  }

  /** An object of its keys where each key is text or a number (a tally); else its [key, value] pairs. */
  override exportAs(): ExportedValue {
    const keys = [...this.entries.keys()];
    if (keys.every((k) => isPrimitive(k) && k !== undefined && k !== null)) {
      return exportValue(new ScriptObject([...this.entries].map(([k, v]): [string, Value] => [toStr(k), v])));
    }
    return exportValue(new ScriptArray(this.pairs()));
  }
}
