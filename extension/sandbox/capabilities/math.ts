import { ScriptRuntimeError } from '../../protocol/errors.ts';
import { native } from '../interpreter/globals.ts';
import type { CapabilitySet } from '../interpreter/run.ts';
import { displayBrief, toNumber, type Value } from '../interpreter/values.ts';

/**
 * The Math panel's program-of-thought capabilities: no page, no bridge; the base globals (Math, Number, JSON…)
 * plus `print(...)` for the program's work and `answer(x)`, which ends the run with x as the result.
 */
export function mathCapabilities(): CapabilitySet {
  return {
    name: 'math',
    defaultBudgets: { timeMs: 5_000, actions: 0 },
    globals(context) {
      return new Map<string, Value>([
        ['print', native('print', (args) => {
          context.output(args.map((arg) => displayBrief(arg, 10_000)).join(' '));
          return undefined;
        })],
        ['answer', native('answer', (args, site) => {
          if (args.length === 0) throw new ScriptRuntimeError('answer() needs the answer as its argument');
          return context.logged(site, 'answer', undefined, args, async () => context.halt(args[0], 'answer'));
        })],
        ['round', native('round', (args) => {
          const x = toNumber(args[0]);
          const digits = Math.max(0, Math.min(15, Math.trunc(toNumber(args[1] ?? 0))));
          // Decimal shift on the printed number, so round(8.025, 2) is 8.03 and not 8.02 (8.025 * 100 = 802.4999…).
          const printed = String(x);
          if (!Number.isFinite(x) || printed.includes('e')) return Math.round(x * 10 ** digits) / 10 ** digits;
          return Number(`${Math.round(Number(`${printed}e${digits}`))}e-${digits}`);
        })],
      ]);
    },
  };
}
