/**
 * Rows in titled groups: a docs sidebar's links under "Getting started", "Guides" (`ul > li > button + ul > li > a`), a
 * footer's columns of links under their words. One list of the rows, the group's title a field of each (`group`); taken
 * as they were, the groups were the items and their rows numbered slots of each (`menu_link`, `menu_link_2`…
 * `menu_link_4`: explorer, session 57), "open Webhooks" reachable only as the fourth link of the second group.
 *
 * A group is an item of a list element holding its title (words, or one button that folds it) and one list element of
 * rows; two groups at least, three rows, one group with two. Every control of a group is a row's or its title's. A group
 * titled by a link of its own is a level of a tree of links (a table of contents), left to lists.ts linkTree; rows that
 * hold groups again are such a tree too. The result is a thread (threads.ts) that nests nothing, as spread rows are;
 * the titles' buttons stay entries (`headed`).
 */
import type { Thread } from './threads.ts';
import { attr, childrenOf, firstElementChildOf, parentOf, queryAllOf, queryOf, textContentOf } from './dom-safe.ts';
import { tagOf } from './dom.ts';

/** A field read from an ancestor of the item (lists.ts slotElement): `:up(2) > button.menu__caret`. */
export const upSlot = (steps: number, path: string): string => `:up(${steps}) > ${path}`;

const LIST_TAGS: ReadonlySet<string> = new Set(['UL', 'OL']);
const LIST_ROLES: ReadonlySet<string> = new Set(['list', 'group', 'tree']);
const MIN_GROUPS = 2;
const MIN_ROWS = 3;
const MAX_ROWS = 2_000;
const ROW_CONTROLS = 'a[href], button, input, select, textarea, [role=button], [role=link], [role=menuitem], [role=treeitem], [tabindex]';

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role=heading]';
/** A group's title typed in place (Asana's section names). */
export const TITLE_BOX = 'textarea, input:not([type]), input[type=text]';

const isListBox = (el: Element): boolean => LIST_TAGS.has(tagOf(el)) || LIST_ROLES.has(attr(el, 'role') ?? '');

/** The grouped rows found, each mapped to its list, and the groups whose titles stay entries. */
export interface GroupedRows {
  rows: Map<Element, Thread>;
  groups: Set<Element>;
}

/** The rows of titled groups among `candidates`; `known` rows (a thread's, spread rows, tiles) are left alone. */
export function groupedRows(candidates: readonly { el: Element; section: unknown }[], stepOf: (el: Element) => string, known: ReadonlyMap<Element, Thread>): GroupedRows {
  const found: GroupedRows = { rows: new Map(), groups: new Set() };
  const controls = new Map(candidates.map((c) => [c.el, c.section]));
  const looked = new Set<Element>();
  const flat = new Map<Element, Thread | undefined>();
  for (const { el } of candidates) {
    if (known.has(el) || found.rows.has(el)) continue;
    const rowsOf = flatGroupsAbove(el, stepOf, controls, flat);
    if (rowsOf) {
      for (const item of rowsOf.items) found.rows.set(item, rowsOf);
      for (const child of Array.from(childrenOf(rowsOf.container))) found.groups.add(child);
      continue;
    }
    // The row around the control, its box of rows, the group and the groups' box: `ul > li > ul > li`.
    for (let row: Element | null = el, n = 0; row && n < 4; row = parentOf(row), n++) {
      const box = parentOf(row);
      const group = box && parentOf(box);
      const groups = group && parentOf(group);
      if (!box || !group || !groups || !isListBox(box) || !isListBox(groups)) continue;
      if (looked.has(groups)) break;
      looked.add(groups);
      const thread = groupsUnder(groups, stepOf, controls);
      if (thread) {
        for (const item of thread.items) found.rows.set(item, thread);
        for (const child of Array.from(childrenOf(groups))) found.groups.add(child);
      }
      break;
    }
  }
  return found;
}

function groupsUnder(groups: Element, stepOf: (el: Element) => string, controls: ReadonlyMap<Element, unknown>): Thread | undefined {
  const children = Array.from(childrenOf(groups));
  if (children.length < MIN_GROUPS) return undefined;
  const groupStep = stepOf(children[0]!);
  let rowStep: string | undefined;
  let boxStep: string | undefined;
  let headPath: string | undefined;
  const rows: Element[] = [];
  let several = false;
  for (const group of children) {
    if (stepOf(group) !== groupStep) return undefined;
    const boxes = Array.from(childrenOf(group)).filter(isListBox);
    if (boxes.length !== 1) return undefined;
    const box = boxes[0]!;
    boxStep ??= stepOf(box);
    if (stepOf(box) !== boxStep) return undefined;
    // Its title: what it holds before its rows, with words, and no link (a link's level of a tree is linkTree's).
    const before = Array.from(childrenOf(group)).filter((child) => child !== box && !!(child.compareDocumentPosition(box) & 4));
    const title = before.find((child) => /[\p{L}\p{N}]/u.test(textContentOf(child) ?? ''));
    if (!title || before.some((child) => queryOf(child, 'a[href]') || tagOf(child) === 'A')) return undefined;
    const titleControls = before.filter((child) => controls.has(child) || queryOf(child, ROW_CONTROLS));
    if (titleControls.length > 1 || (titleControls[0] && titleControls[0] !== title)) return undefined;
    const path = stepOf(title);
    headPath ??= path;
    if (path !== headPath) return undefined;
    // Nothing after the rows with a control (a card's "Add to cart" below its sizes).
    if (Array.from(childrenOf(group)).some((child) => child !== box && !before.includes(child) && (controls.has(child) || queryOf(child, ROW_CONTROLS)))) return undefined;
    const own = Array.from(childrenOf(box));
    for (const row of own) {
      rowStep ??= stepOf(row);
      if (stepOf(row) !== rowStep) return undefined;
      // A row that holds groups again is a tree's level.
      if (Array.from(queryAllOf(row, 'ul, ol, [role=group]')).some((inner) => queryOf(inner, 'a[href], button'))) return undefined;
    }
    if (own.length > 1) several = true;
    rows.push(...own.filter((row) => controls.has(row) || Array.from(queryAllOf(row, ROW_CONTROLS)).some((c) => controls.has(c))));
    if (rows.length > MAX_ROWS) return undefined;
  }
  if (rows.length < MIN_ROWS || !several || !rowStep || !boxStep || !headPath || rowStep === groupStep) return undefined;
  // Rows that say what other groups' say (a product's sizes S, M, L under each product, a plan's options) are options of
  // their group: the groups are the items, their rows named alike slots (`s`, `m`); grouped, every size was an entry.
  const words = rows.map((row) => (textContentOf(row) ?? '').trim().toLowerCase());
  if (new Set(words).size * 3 < words.length * 2) return undefined;
  // Groups whose titles start sections of the page (a heading each: stories under "World", "Sport") are lists of their
  // sections, named by them (review, session 26: `world__stories`).
  const sections = new Set<unknown>();
  for (const row of rows) {
    for (const control of [row, ...Array.from(queryAllOf(row, ROW_CONTROLS))]) if (controls.has(control)) sections.add(controls.get(control));
  }
  if (sections.size > 1) return undefined;
  return { container: groups, items: rows, selector: `${groupStep} > ${boxStep} > ${rowStep}`, head: upSlot(2, headPath), headName: 'group' };
}

/**
 * Rows in titled groups drawn flat: a group is a box holding its title row first, then its rows (and maybe an "Add
 * task…" row), the groups side by side under one box (Asana's list: `div.TaskGroup > div.TaskGroupHeader +
 * div.SpreadsheetRow…`, grouped by section; Linear's issues by status). Read as boxes of three rows and two, their
 * controls were loose entries numbered up to `task_name_5` (explorer, session 63). The rows are ARIA rows, or the
 * titles say they are titles (a heading, or a button that folds the group). Groups may be empty (folded); the box may
 * hold a head row before them and a row after.
 */
function flatGroupsAbove(el: Element, stepOf: (el: Element) => string, controls: ReadonlyMap<Element, unknown>, known: Map<Element, Thread | undefined>): Thread | undefined {
  for (let row: Element | null = el, n = 0; row && n < 5; row = parentOf(row), n++) {
    const group = parentOf(row);
    const groups = group && parentOf(group);
    if (!group || !groups) return undefined;
    if (!known.has(groups)) known.set(groups, flatGroupsUnder(groups, stepOf, controls));
    const thread = known.get(groups);
    if (thread) return thread;
  }
  return undefined;
}

function flatGroupsUnder(groups: Element, stepOf: (el: Element) => string, controls: ReadonlyMap<Element, unknown>): Thread | undefined {
  const children = Array.from(childrenOf(groups));
  if (children.length < MIN_GROUPS || children.length > MAX_ROWS) return undefined;
  const byStep = new Map<string, Element[]>();
  for (const child of children) {
    const same = byStep.get(stepOf(child));
    if (same) same.push(child); else byStep.set(stepOf(child), [child]);
  }
  const [groupStep, boxes] = [...byStep].reduce((best, next) => (next[1].length > best[1].length ? next : best));
  // The groups one after the other, a head row (column headers) before them at most, an "Add section" row after.
  const first = children.indexOf(boxes[0]!);
  if (boxes.length < MIN_GROUPS || first > 1 || children.length - first - boxes.length > 1 || children[first + boxes.length - 1] !== boxes.at(-1)) return undefined;
  let titleStep: string | undefined;
  const rowSteps = new Map<string, number>();
  for (const box of boxes) {
    const [title, ...rest] = Array.from(childrenOf(box));
    if (!title || !/[\p{L}\p{N}]/u.test(textContentOf(title) ?? '') || tagOf(title) === 'A' || queryOf(title, 'a[href]')) return undefined;
    titleStep ??= stepOf(title);
    if (stepOf(title) !== titleStep) return undefined;
    for (const child of rest) rowSteps.set(stepOf(child), (rowSteps.get(stepOf(child)) ?? 0) + 1);
  }
  const rowStep = [...rowSteps].reduce<[string, number] | undefined>((best, next) => (!best || next[1] > best[1] ? next : best), undefined)?.[0];
  if (!rowStep || rowStep === titleStep || rowStep === groupStep) return undefined;
  const rows: Element[] = [];
  let several = false;
  for (const box of boxes) {
    const own = Array.from(childrenOf(box)).slice(1).filter((child) => stepOf(child) === rowStep);
    if (own.length > 1) several = true;
    rows.push(...own);
  }
  const title = firstElementChildOf(boxes[0]!)!;
  const titled = !!queryOf(title, `${HEADINGS}, [aria-expanded]`) || attr(title, 'role') === 'heading';
  if (rows.length < MIN_ROWS || !several || !(rows.every((row) => attr(row, 'role') === 'row' || tagOf(row) === 'TR') || titled)) return undefined;
  if (!rows.every((row) => controls.has(row) || Array.from(queryAllOf(row, ROW_CONTROLS)).some((c) => controls.has(c)))) return undefined;
  // Rows that hold groups again, or rows alike in words (options of each group), are no rows of these groups.
  if (rows.some((row) => queryOf(row, `:scope > ${groupStep}`))) return undefined;
  const words = rows.map((row) => (textContentOf(row) ?? '').trim().toLowerCase());
  if (new Set(words).size * 3 < words.length * 2) return undefined;
  // The title's heading where it has one (not the fold button's "▾" beside it), its text box where it is typed in place.
  const heading = queryOf(title, HEADINGS) ? ` :is(${HEADINGS})` : queryOf(title, TITLE_BOX) ? ` :is(${TITLE_BOX})` : '';
  return { container: groups, items: rows, selector: `${groupStep} > ${rowStep}`, head: upSlot(1, `${titleStep}:first-child${heading}`), headName: 'group' };
}
