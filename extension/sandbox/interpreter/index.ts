/** The script interpreter: parse with acorn, check the subset, walk the tree with budgets and capability sets. */
export { DEFAULT_BUDGETS, type BudgetName, type Budgets } from './budget.ts';
export { parseScript } from './parse.ts';
export {
  runScript, type CapabilityContext, type CapabilitySet, type LogEntry, type RunOptions, type RunResult, type RunStats,
} from './run.ts';
export { Capability, type ExportedValue, type Value } from './values.ts';
