/**
 * The members each kind of handle of the automation script API offers. The sandbox's automation capability
 * (extension/sandbox/capabilities/automation.ts) implements them; decoders use them to constrain what a model may
 * write after `$name.` (workers/engines/decoding/name-constraint.ts). A unit test keeps the two in step.
 */
export const ELEMENT_MEMBERS = ['click', 'type', 'select', 'check', 'uncheck', 'hover', 'scroll', 'text', 'value', 'exists'];
export const LIST_MEMBERS = ['length', 'find', 'filter', 'map', 'forEach', 'exists'];
/** Besides the list's own fields. */
export const ITEM_MEMBERS = ['index', 'open', 'click', 'hover', 'scroll', 'check', 'uncheck', 'text', 'exists'];
export const FIELD_MEMBERS = ['click', 'hover', 'text', 'value', 'exists', 'check', 'uncheck'];

/** The methods that take an argument (text for type/select/find, a function for filter/map/forEach); the others take
 * none (the sandbox ignores any given, after evaluating it: `.exists($x.click())` would click). */
export const TAKES_ARGUMENT: ReadonlySet<string> = new Set(['type', 'select', 'find', 'filter', 'map', 'forEach']);

const TYPABLE = new Set(['text_input', 'text_area', 'editable', 'combobox', 'slider']);
const CHECKABLE = new Set(['checkbox', 'radio', 'switch']);
const membersByKind = new Map<string, readonly string[]>();

/**
 * The element methods that fit an element of this kind: `type` into fields, `select` on selects, `check`/`uncheck` on
 * boxes (the executor refuses the others with an ActionError). An unknown kind keeps them all.
 */
export function elementMembersFor(kind: string | undefined): readonly string[] {
  if (!kind) return ELEMENT_MEMBERS;
  // Decoders ask for every character of every candidate token: one list per kind.
  let members = membersByKind.get(kind);
  if (!members) {
    members = ELEMENT_MEMBERS.filter((member) => (member === 'type' ? TYPABLE.has(kind)
      : member === 'select' ? kind === 'select'
        : member === 'check' || member === 'uncheck' ? CHECKABLE.has(kind) : true));
    membersByKind.set(kind, members);
  }
  return members;
}
