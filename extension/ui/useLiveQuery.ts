import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export interface LiveQueryState<T> {
  value: T | undefined;
  error: unknown;
}

/**
 * Re-renders whenever the Dexie query's result changes, also when another context (the model host) writes. A
 * result belongs to the deps it was read for: when they change, the old one is not shown under the new ones.
 */
export function useLiveQueryState<T>(query: () => Promise<T>, deps: unknown[] = []): LiveQueryState<T> {
  const key = JSON.stringify(deps);
  const [state, setState] = useState<{ key: string; value: T | undefined; error: unknown }>({ key, value: undefined, error: undefined });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ key, value, error: undefined }),
      error: (error: unknown) => setState({ key, value: undefined, error: error ?? new Error('The stored data could not be read.') }),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state.key === key ? state : { value: undefined, error: undefined };
}

export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[] = []): T | undefined {
  return useLiveQueryState(query, deps).value;
}
