import { ScriptRuntimeError } from '../../protocol/errors.ts';
import { ScriptMap, ScriptSet } from './collections.ts';
import { Namespace } from './globals.ts';
import { ScriptRegExp } from './regexp.ts';
import { ScriptDate } from './dates.ts';
import { ErrorObject, NativeFunction, ScriptArray, type Value } from './values.ts';

const ERRORS = new Set(['TypeError', 'RangeError']);
/** Wrapper types: no script value is a wrapper object, so a string or number is never an instance of them. */
const WRAPPERS = new Set(['String', 'Number', 'Boolean']);
const TAKES = 'Array, Object, Error, TypeError, RangeError, Set, Map, RegExp, Date, String, Number or Boolean';

/**
 * `value instanceof Type`, for the built-in types a script can name: there are no prototypes to walk, so each type
 * says which of our values are its instances (`e instanceof Error` of any error object, a caught script error too;
 * `x instanceof TypeError` of one made by `TypeError(…)`; anything but a primitive is an `Object`). A script's own
 * function on the right has no instances (it cannot be a constructor): said as an error, not answered false.
 */
export function instanceOf(value: Value, type: Value, written: () => string): boolean {
  const name = type instanceof NativeFunction ? type.name : type instanceof Namespace && type.describe() === 'Object' ? 'Object' : '';
  switch (name) {
    case 'Array': return value instanceof ScriptArray;
    case 'Error': return value instanceof ErrorObject;
    case 'Set': return value instanceof ScriptSet;
    case 'Map': return value instanceof ScriptMap;
    case 'RegExp': return value instanceof ScriptRegExp;
    case 'Date': return value instanceof ScriptDate;
    case 'Object': return value !== null && typeof value === 'object';
    default:
      if (ERRORS.has(name)) return value instanceof ErrorObject && value.madeBy === name;
      if (WRAPPERS.has(name)) return false;
      throw new ScriptRuntimeError(`\`instanceof\` takes ${TAKES} on its right, not \`${written().slice(0, 60)}\`; use typeof or Array.isArray`);
  }
}
