/**
 * `new Date(…)`, `Date.now()`, `Date.parse(…)`, `Date.UTC(…)`: tasks speak of time ("archive last week's newsletters",
 * "orders from this month"), and a saved script replayed next week means next week. A date is our own value holding
 * a time in milliseconds; each method runs on a fresh host Date made from that number, with its arguments turned
 * into numbers or text first, so no script value ever reaches the host.
 */
import { ScriptRuntimeError } from '../../protocol/errors.ts';
import { hostIntl, intlOptions, localesArg } from './intl.ts';
import { Capability, type CallSite, isPrimitive, MethodOf, NativeFunction, type Primitive, toNumber, toStr, type Value } from './values.ts';

const GETTERS = [
  'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds',
  'getUTCFullYear', 'getUTCMonth', 'getUTCDate', 'getUTCDay', 'getUTCHours', 'getUTCMinutes', 'getUTCSeconds',
  'getUTCMilliseconds', 'getTimezoneOffset',
] as const;
const SETTERS = [
  'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds', 'setMilliseconds',
  'setUTCFullYear', 'setUTCMonth', 'setUTCDate', 'setUTCHours', 'setUTCMinutes', 'setUTCSeconds', 'setUTCMilliseconds',
] as const;
const TEXTS = ['toString', 'toDateString', 'toTimeString', 'toUTCString'] as const;
const LOCALE_TEXTS = ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'] as const;
const OTHERS = ['getTime', 'valueOf', 'setTime', 'toISOString', 'toJSON'] as const;

/** What a script may call on a date (script-api.ts VALUE_MEMBERS holds them too, for the decoders). */
export const DATE_MEMBERS: readonly string[] = [...GETTERS, ...SETTERS, ...TEXTS, ...LOCALE_TEXTS, ...OTHERS];

type Getter = (typeof GETTERS)[number];
type Setter = (typeof SETTERS)[number];

/** JavaScript's TimeClip: a time past ±100 million days from 1970 is no time. */
const clip = (time: number): number => (Number.isFinite(time) && Math.abs(time) <= 8.64e15 ? Math.trunc(time) + 0 : NaN);

const isGetter = (key: string): key is Getter => (GETTERS as readonly string[]).includes(key);
const isSetter = (key: string): key is Setter => (SETTERS as readonly string[]).includes(key);

export class ScriptDate extends Capability {
  readonly kind = 'date';
  private time: number;

  constructor(time: number) {
    super();
    this.time = clip(time);
  }

  get valid(): boolean {
    return !Number.isNaN(this.time);
  }

  /** The ISO form (`2026-11-24T09:00:00.000Z`), or null for an invalid date, as JSON writes a date. */
  iso(): string | null {
    return this.valid ? new Date(this.time).toISOString() : null;
  }

  describe(): string {
    return this.iso() ?? 'Invalid Date';
  }

  /** `d2 - d1`, `d < today`, `+d` read its time; `"" + d` and `${d}` its text, as JavaScript converts a date. */
  override primitive(hint: 'number' | 'string' | 'default'): Primitive {
    return hint === 'number' ? this.time : new Date(this.time).toString();
  }

  member(key: string, site: CallSite): Value | undefined {
    const host = () => new Date(this.time);
    const method = (impl: (args: Value[]) => Value) => new MethodOf(key, (args) => impl(args), this);
    if (isGetter(key)) return method(() => host()[key]());
    if (isSetter(key)) {
      return method((args) => {
        const date = host();
        const numbers = args.slice(0, 4).map(toNumber) as [number, ...number[]];
        // Each setter takes the fields from its own down (setHours(h, m, s, ms)); extra arguments are ignored by the host.
        this.time = clip((date[key] as (...n: number[]) => number)(...numbers));
        return this.time;
      });
    }
    switch (key) {
      case 'getTime':
      case 'valueOf': return method(() => this.time);
      case 'setTime': return method((args) => (this.time = clip(toNumber(args[0]))));
      case 'toISOString': return method(() => {
        const iso = this.iso();
        if (iso === null) throw new ScriptRuntimeError('toISOString(): the date is invalid (Invalid Date)', { js: 'RangeError' });
        return iso;
      });
      case 'toJSON': return method(() => this.iso());
      case 'toString': case 'toDateString': case 'toTimeString': case 'toUTCString':
        return method(() => site.meter.string(host()[key](), site, true));
      case 'toLocaleString': case 'toLocaleDateString': case 'toLocaleTimeString':
        // `en-US` when no locale is given, as numbers' toLocaleString: the same script reads the same everywhere.
        return method((args) => site.meter.string(hostIntl(key, () => host()[key](localesArg(args[0]) ?? 'en-US', intlOptions(args[1]))), site, true));
      default: return undefined;
    }
  }

  memberNames(): string[] {
    return [...DATE_MEMBERS];
  }

  override exportAs(): string | null {
    return this.iso();
  }
}

/** A date from `new Date(…)`'s arguments: none is now; a date, a time in ms or a text; else year, month, day…. */
export function makeDate(args: Value[], now: () => number, site: CallSite): ScriptDate {
  site.meter.allocate(8, site);
  if (args.length === 0) return new ScriptDate(now());
  if (args.length === 1) {
    const [value] = args;
    if (value instanceof ScriptDate) return new ScriptDate(value.primitive('number') as number);
    if (typeof value === 'string') return new ScriptDate(Date.parse(value));
    if (value instanceof Capability && value.primitive) {
      const primitive = value.primitive('default');
      return new ScriptDate(typeof primitive === 'string' ? Date.parse(primitive) : toNumber(primitive));
    }
    // An array or an object is read as its text, as JavaScript does (`new Date([2026, 10, 24])` is "2026,10,24").
    if (!isPrimitive(value)) return new ScriptDate(Date.parse(toStr(value)));
    return new ScriptDate(toNumber(value));
  }
  const [year, month, ...rest] = args.slice(0, 7).map(toNumber) as [number, number, ...number[]];
  return new ScriptDate(new Date(year, month, ...rest).getTime());
}

/** `Date` as a script names it: called, the text of now (as JavaScript's `Date()`); with `new`, a date. */
export function dateConstructor(now: () => number): NativeFunction {
  const props = new Map<string, Value>([
    ['now', new NativeFunction('now', () => now())],
    ['parse', new NativeFunction('parse', (args) => Date.parse(toStr(args[0])))],
    ['UTC', new NativeFunction('UTC', (args) => {
      const [year, ...rest] = args.slice(0, 7).map(toNumber) as [number, ...number[]];
      return Date.UTC(year, ...rest);
    })],
  ]);
  return new NativeFunction('Date', (_args, site) => site.meter.string(new Date(now()).toString(), site, true), props, undefined,
    (args, site) => makeDate(args, now, site));
}
