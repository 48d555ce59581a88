/**
 * Every string in `value`, however it nests in arrays and plain objects, put through `map` (a copy; keys kept). An
 * object or array nested deeper than `maxDepth` becomes what `beyond` makes of it: a run's values are never that
 * deep, so this only bounds what a hostile script could build.
 */
export function mapStringsDeep<T>(value: T, map: (text: string) => string, maxDepth: number, beyond: (value: object) => unknown, depth = 0): T {
  if (typeof value === 'string') return map(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxDepth) return beyond(value) as T;
  const inner = (item: unknown) => mapStringsDeep(item, map, maxDepth, beyond, depth + 1);
  if (Array.isArray(value)) return value.map(inner) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inner(item)])) as T;
}
