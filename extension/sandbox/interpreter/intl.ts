/** Host Intl calls for scripts (numbers' and dates' toLocaleString, localeCompare): arguments as plain host data. */
import { ScriptRuntimeError } from '../../protocol/errors.ts';
import { ScriptArray, ScriptObject, toStr, type Value } from './values.ts';

/** Locales as Intl reads them: a tag or a list of tags (text only), undefined for the default. */
export function localesArg(value: Value): string | string[] | undefined {
  // An options object in the locales' place (`toLocaleDateString({month: "short"})`) is no locale: the default.
  if (value === undefined || value === null || value instanceof ScriptObject) return undefined;
  // No locale in the list (`[]`) is the default too, not the host's.
  if (value instanceof ScriptArray) return value.items.length === 0 ? undefined : value.items.slice(0, 10).map((item) => toStr(item));
  return toStr(value);
}

/** Intl options (`{numeric: true}`, `{style: "currency", currency: "USD"}`) as plain host data: primitives only. */
export function intlOptions(value: Value): Record<string, string | number | boolean> | undefined {
  if (!(value instanceof ScriptObject)) return undefined;
  const options: Record<string, string | number | boolean> = {};
  for (const [key, item] of value.props) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      Object.defineProperty(options, key, { value: item, enumerable: true });
    }
  }
  return options;
}

/** A host Intl call whose bad locale or option (a RangeError) is the script's error, with what Intl said. */
export function hostIntl<T>(method: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    // Caught in the script, it is the RangeError or TypeError JavaScript throws (`e instanceof RangeError`).
    const js = error instanceof RangeError ? 'RangeError' : error instanceof TypeError ? 'TypeError' : undefined;
    throw new ScriptRuntimeError(`${method}(): ${error instanceof Error ? error.message : String(error)}`, js ? { js } : undefined);
  }
}
