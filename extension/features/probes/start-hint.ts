import type { ProbeConfig } from './config.ts';

const GROUPS = [['models', 'model'], ['suites', 'suite'], ['strategies', 'strategy'], ['perturbations', 'perturbation']] as const;

/**
 * Why a run cannot start yet: the groups with nothing ticked (a run measures every model × suite × strategy ×
 * perturbation, so an empty one means nothing to run). Empty when every group has a tick.
 */
export function startHint(config: Pick<ProbeConfig, (typeof GROUPS)[number][0]>): string {
  const missing = GROUPS.filter(([key]) => config[key].length === 0).map(([, noun]) => `one ${noun}`);
  if (!missing.length) return '';
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  return `Tick at least ${list} to start a run.`;
}
