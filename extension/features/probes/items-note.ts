import type { ProbeConfig } from './config.ts';
import { suiteSize } from './suites.ts';

/**
 * What "Items per suite" gets where a chosen suite has fewer items than asked ("gsm8k has 20 items: a run uses those 20,
 * not 50."); empty when every suite has enough (a generated sorting suite makes as many as asked).
 */
export function itemsNote(config: Pick<ProbeConfig, 'suites' | 'n'>): string {
  const short = new Map<number, string[]>();
  for (const name of config.suites) {
    const size = suiteSize(name);
    if (size !== null && size < config.n) short.set(size, [...(short.get(size) ?? []), name]);
  }
  return [...short.entries()].map(([size, names]) => {
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return `${list} ${names.length === 1 ? `has ${size} items` : `have ${size} items each`}: a run uses those ${size}, not ${config.n}.`;
  }).join(' ');
}
