import { useEffect, useState } from 'preact/hooks';
import { onTabLoaded } from '../platform/index.ts';

/**
 * Counts the pages the tab has finished loading since mount (with `titles`, also its title changes): a dependency
 * that re-reads what depends on the page.
 */
export function useTabLoads(tabId: number | undefined, titles = false): number {
  const [loads, setLoads] = useState(0);
  useEffect(() => (tabId === undefined ? undefined : onTabLoaded(tabId, () => setLoads((n) => n + 1), titles)), [tabId, titles]);
  return loads;
}
