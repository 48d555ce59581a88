/**
 * The members each kind of handle of the automation script API offers. The sandbox's automation capability
 * (extension/sandbox/capabilities/automation.ts) implements them; decoders use them to constrain what a model may
 * write after `$name.` (workers/engines/decoding/name-constraint.ts). A unit test keeps the two in step.
 */
export const ELEMENT_MEMBERS = ['click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'scroll', 'text', 'value', 'exists'];
/** `scroll()`: the end of the list into view, waiting for the items that loads (an infinite feed); returns the length. */
export const LIST_MEMBERS = ['length', 'find', 'filter', 'map', 'forEach', 'exists', 'scroll', 'some', 'every', 'reduce', 'findIndex', 'indexOf', 'slice', 'at'];
/** Besides the list's own fields. */
export const ITEM_MEMBERS = ['index', 'open', 'click', 'hover', 'scroll', 'check', 'uncheck', 'text', 'exists'];
/** A row's text field or select is typed into or chosen from as an element is (explorer, session 40: `.quantity.type("3")`). */
export const FIELD_MEMBERS = ['click', 'hover', 'text', 'value', 'exists', 'check', 'uncheck', 'type', 'select', 'press'];

/** The methods that take an argument (text for type/select, text or a function for find, a key for press, a function
 * for filter/map/forEach/some/every/reduce/findIndex, an item for indexOf, positions for slice/at); the others take none
 * (the sandbox ignores any given, after evaluating it: `.exists($x.click())` would click). */
export const TAKES_ARGUMENT: ReadonlySet<string> = new Set(['type', 'press', 'select', 'find', 'filter', 'map', 'forEach', 'some', 'every',
  'reduce', 'findIndex', 'indexOf', 'slice', 'at']);

/**
 * The keys `$field.press(key)` takes (sandbox and executor). Enter submits a form as a browser's Enter does (held for
 * confirmation like its submit button); the others only reach the page's own key handlers (a suggestion list, a menu).
 */
export const PRESS_KEYS = ['Enter', 'Escape', 'ArrowDown', 'ArrowUp'] as const;
export type PressKey = (typeof PRESS_KEYS)[number];
/** The key a script means (`"enter"` is Enter), or undefined. */
export function pressKey(name: unknown): PressKey | undefined {
  return typeof name === 'string' ? PRESS_KEYS.find((key) => key.toLowerCase() === name.trim().toLowerCase()) : undefined;
}

const TYPABLE = new Set(['text_input', 'text_area', 'editable', 'combobox', 'slider']);
const CHECKABLE = new Set(['checkbox', 'radio', 'switch']);
const membersByKind = new Map<string, readonly string[]>();

/**
 * The element methods that fit an element of this kind: `type` and `press` in fields, `select` on selects,
 * `check`/`uncheck` on boxes (the executor refuses the others with an ActionError). An unknown kind keeps them all.
 */
export function elementMembersFor(kind: string | undefined): readonly string[] {
  if (!kind) return ELEMENT_MEMBERS;
  // Decoders ask for every character of every candidate token: one list per kind.
  let members = membersByKind.get(kind);
  if (!members) {
    members = ELEMENT_MEMBERS.filter((member) => (member === 'type' || member === 'press' ? TYPABLE.has(kind)
      : member === 'select' ? kind === 'select'
        : member === 'check' || member === 'uncheck' ? CHECKABLE.has(kind) : true));
    membersByKind.set(kind, members);
  }
  return members;
}

/**
 * Members of the plain values a script handles, as the sandbox's interpreter offers them: strings, numbers, arrays
 * and the namespaces (Math, Number, String, Array, Object, JSON, console), sets, maps, regexes and dates. After `.` on anything that is not a page
 * handle (a variable, a call's result), a decoder allows these, the page's list fields and the words the script wrote
 * itself (its own object keys): `" Buy".clickdouedoue…` is no script. A unit test keeps the list in step.
 */
export const VALUE_MEMBERS: readonly string[] = [
  'length', 'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'trim', 'trimStart', 'trimEnd', 'toLowerCase',
  'toUpperCase', 'normalize', 'slice', 'substring', 'charAt', 'charCodeAt', 'codePointAt', 'substr', 'at', 'split', 'replace', 'replaceAll', 'repeat', 'padStart',
  'padEnd', 'concat', 'localeCompare', 'toString', 'valueOf', 'toFixed', 'toPrecision', 'toLocaleString', 'push', 'pop',
  'shift', 'unshift', 'splice', 'join', 'reverse', 'flat', 'map', 'filter', 'forEach', 'find', 'findIndex', 'some', 'every',
  'reduce', 'reduceRight', 'sort', 'flatMap', 'fill', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'copyWithin',
  // sets and maps
  'size', 'has', 'add', 'delete', 'clear', 'get', 'set',
  // regular expressions and their matches
  'match', 'matchAll', 'search', 'test', 'exec', 'source', 'flags', 'global', 'ignoreCase', 'multiline', 'dotAll',
  'unicode', 'sticky', 'hasIndices', 'lastIndex', 'index', 'input', 'groups', 'indices',
  // namespaces
  'abs', 'ceil', 'floor', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'pow', 'exp', 'expm1', 'log', 'log2', 'log10', 'log1p',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'hypot', 'min', 'max', 'fround', 'random',
  'PI', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2', 'isInteger', 'isFinite', 'isNaN', 'isSafeInteger',
  'parseInt', 'parseFloat', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER', 'EPSILON', 'MAX_VALUE', 'MIN_VALUE',
  'POSITIVE_INFINITY', 'NEGATIVE_INFINITY', 'NaN', 'fromCharCode', 'isArray', 'of', 'from', 'keys', 'values', 'entries',
  'fromEntries', 'assign', 'getOwnPropertyNames', 'freeze', 'isFrozen', 'is', 'call', 'apply', 'bind', 'stringify', 'parse', 'info', 'warn', 'error', 'now', 'UTC',
  // dates
  'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds',
  'getUTCFullYear', 'getUTCMonth', 'getUTCDate', 'getUTCDay', 'getUTCHours', 'getUTCMinutes', 'getUTCSeconds',
  'getUTCMilliseconds', 'getTimezoneOffset', 'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds',
  'setMilliseconds', 'setUTCFullYear', 'setUTCMonth', 'setUTCDate', 'setUTCHours', 'setUTCMinutes', 'setUTCSeconds',
  'setUTCMilliseconds', 'toDateString', 'toTimeString', 'toUTCString', 'toLocaleDateString', 'toLocaleTimeString',
  'getTime', 'setTime', 'toISOString', 'toJSON',
];

/** What a caught error has (extension/sandbox/interpreter/interpreter.ts, caughtValue): `catch (e) { say(e.message) }`. */
export const CAUGHT_ERROR_MEMBERS: readonly string[] = ['name', 'message'];

/**
 * The JavaScript edition scripts are parsed as, by the interpreter and by everything that reads a script (secret checks,
 * parameters, highlighting): ES2021 for `x ??= 0`, `x ||= []` and `1_000_000`, which models write; ES2022 for a regex's
 * `d` flag (what ES2022 adds besides is class syntax, which scripts do not have: parse.ts REFUSED).
 */
export const SCRIPT_ECMA_VERSION = 2022;
