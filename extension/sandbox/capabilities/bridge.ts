import type { ExportedValue } from '../interpreter/values.ts';

/**
 * The narrow bridge between a running automation script and whoever acts on the page (the content-script executor,
 * through the extension page that hosts the sandbox). One request shape: which call, on which named element (an
 * element, a list item, a field of a list item), with plain-data arguments. The bridge answers plain data or throws
 * one of our named errors (NotFoundError, ActionError, NavigationError…), which the interpreter positions.
 */
export const BRIDGE_METHODS = [
  'click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'scroll', 'text', 'value', 'exists', 'count', 'find',
  'waitFor', 'navigate', 'ask', 'say', 'names',
  // `wait(ms)` says so before it waits: what the bridge read of the page before is read again after (no page action).
  'wait',
] as const;
export type BridgeMethod = (typeof BRIDGE_METHODS)[number];

/** Calls that change the page (or where it is): each one counts against the action budget. */
export const ACTION_METHODS: ReadonlySet<BridgeMethod> = new Set<BridgeMethod>([
  'click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'scroll', 'navigate',
]);

export interface BridgeTarget {
  /** A document name, without the `$`. */
  name: string;
  /** For list items: which item (0-based). */
  index?: number;
  /** For a field of a list item: the field's name (`subject`). */
  field?: string;
  /** The index was written in the script (`$list[3]`), not found by find() or by going through the list. */
  position?: boolean;
  /** The text find() looked for: the item must still hold it when acted on (a list the page reorders). */
  holds?: string;
  /**
   * A click from `item.open()`: on the row's control that opens it (a field named `open`, its one link or button, its
   * title link), which the bridge picks from the list's fields; an item with controls but none of those is a NotFound.
   */
  open?: boolean;
}

export interface BridgeCall {
  call: BridgeMethod;
  target?: BridgeTarget;
  args: ExportedValue[];
}

export interface Bridge {
  call(request: BridgeCall): Promise<ExportedValue>;
  /** Tells `listener` when the bridge waits for the user and when it stops (the script's clock stops meanwhile). */
  onUserWait?(listener: (waiting: boolean) => void): () => void;
}

/** A name the page document offers to scripts: elements, and lists with their item fields. */
export interface ScriptName {
  name: string;
  kind: string;
  fields?: string[];
}

/** `$list[2].subject` — how a target reads in logs and messages. */
export function describeTarget(target: BridgeTarget): string {
  return `$${target.name}${target.index !== undefined ? `[${target.index}]` : ''}${target.field ? `.${target.field}` : ''}`;
}
