/**
 * Synthetic page specs for the script-writer corpus (issue 11): seeded, varied in labels and layout. A spec is plain
 * data; render.ts turns it into a live page and tasks.ts into tasks with gold scripts. Layout variants are numbered
 * per family; the test split gets its own layout variants (and, through words.ts, its own labels).
 */
import { seededRandom } from '../../../workers/engines/decoding/sampler.ts';
import * as W from './words.ts';
import { forSplit, madeUpLabels, type Split, type TextRole } from './words.ts';

export type LabelStyle = 'for' | 'wrap' | 'aria' | 'placeholder';
export type FieldSpec =
  | { id: string; type: 'text'; role: TextRole; label: string; inputType: string }
  | { id: string; type: 'textarea'; label: string }
  | { id: string; type: 'select'; label: string; options: string[] }
  | { id: string; type: 'checkbox'; label: string };

export interface FormSpec {
  kind: 'form';
  id: string;
  title: string;
  fields: FieldSpec[];
  submit: string;
  labelStyle: LabelStyle;
  container: 'form' | 'fieldset' | 'section';
}

export interface ListField { key: string; label: string; numeric?: boolean }
export interface ListSpec {
  kind: 'list';
  id: string;
  title: string;
  /** Singular noun for tasks ("product"). */
  noun: string;
  fields: ListField[];
  /** Buttons in each item; the first one is the item's main action. */
  actions: string[];
  items: Array<Record<string, string>>;
  layout: 'ul' | 'table' | 'cards';
  /** Class names of field cells: the key itself, or a prefixed variant. */
  classPrefix: string;
}

export interface SearchSpec { kind: 'search'; id: string; placeholder: string; button: string; list: ListSpec }
export interface TodoSpec { kind: 'todo'; id: string; title: string; inputLabel: string; addLabel: string; items: Array<{ title: string; done: boolean }> }
export interface SettingsSpec {
  kind: 'settings';
  id: string;
  title: string;
  tabs: Array<{ id: string; name: string; toggles: Array<{ id: string; label: string; on: boolean }> }>;
}
export type BlockSpec = FormSpec | ListSpec | SearchSpec | TodoSpec | SettingsSpec;

export type Family = 'form' | 'catalogue' | 'search' | 'todo' | 'settings' | 'mixed';
export const FAMILIES: readonly Family[] = ['form', 'catalogue', 'search', 'todo', 'settings', 'mixed'];

/** Page chrome around the blocks (header navigation, toolbar, footer): distractors, and targets of nav/press tasks. */
export interface ChromeSpec {
  nav?: { label: string; links: string[] };
  toolbar?: string[];
  footer?: string[];
}

/**
 * Details real apps have that plain synthetic pages lack (the demo mail app has all of them): a current nav link,
 * a disabled bulk-action button, a search box whose placeholder is not its label, blocks in labelled regions, list
 * rows with a leading select checkbox.
 */
export interface ExtrasSpec {
  currentLink: boolean;
  disabledButton?: string;
  searchLabel?: string;
  regions: boolean;
  selectable: boolean;
}

export interface PageSpec {
  seed: number;
  chrome?: ChromeSpec;
  extras?: ExtrasSpec;
  split: Split;
  family: Family;
  /** Family + layout combinations of its blocks: what the splits are made by. */
  template: string;
  title: string;
  blocks: BlockSpec[];
}

/**
 * Layout combinations: forms 4 label styles × 3 containers, lists 3 layouts × 3 class styles. The test split owns a
 * Latin-square diagonal of each grid, so every single style is seen in training but no test combination is.
 */
const FORM_TEST = new Set(['placeholder/form', 'for/fieldset', 'wrap/section']);
const LIST_TEST = new Set(['ul/c-', 'table/', 'cards/item-']);
export const isTestCombination = (combo: string) => FORM_TEST.has(combo) || LIST_TEST.has(combo);

type Pick = <T>(items: readonly T[]) => T;

interface Gen {
  random: () => number;
  pick: Pick;
  int(min: number, max: number): number;
  sample<T>(items: readonly T[], n: number): T[];
  split: Split;
  words<T>(items: readonly T[]): readonly T[];
}

function gen(seed: number, split: Split, madeUp = 0, pseudo = 0): Gen {
  const random = seededRandom(seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  return {
    random, pick, split,
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    sample(items, n) {
      const pool = [...items];
      const out: typeof pool = [];
      while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
      return out;
    },
    // Train pages take made-up labels half of the time (see LABEL_POOL); dev and test keep the word lists.
    words: (items) => (split === 'train' && madeUp > 0 && random() < madeUp
      ? madeUpLabels(random, Math.max(6, items.length), pseudo) as unknown as typeof items : forSplit(items, split)),
  };
}

const LABEL_STYLES: readonly LabelStyle[] = ['for', 'wrap', 'aria', 'placeholder'];
const CONTAINERS: readonly FormSpec['container'][] = ['form', 'fieldset', 'section'];
const INPUT_TYPES: Record<TextRole, string> = {
  name: 'text', email: 'email', phone: 'tel', city: 'text', company: 'text', message: 'text', quantity: 'number', date: 'text',
};

function combination<A extends string, B extends string>(g: Gen, as: readonly A[], bs: readonly B[]): [A, B] {
  const all = as.flatMap((a) => bs.map((b) => [a, b] as [A, B]));
  return g.pick(all.filter(([a, b]) => isTestCombination(`${a}/${b}`) === (g.split === 'test')));
}

function formSpec(g: Gen, id: string): FormSpec {
  const [labelStyle, container] = combination(g, LABEL_STYLES, CONTAINERS);
  const roles = g.sample(['name', 'email', 'phone', 'city', 'company', 'quantity', 'date'] as const, g.int(2, 4));
  const fields: FieldSpec[] = roles.map((role, i) => ({ id: `${id}_f${i}`, type: 'text', role, label: g.pick(g.words(W.FIELD_LABELS[role])), inputType: INPUT_TYPES[role] }));
  if (g.random() < 0.35) fields.push({ id: `${id}_msg`, type: 'textarea', label: g.pick(g.words(W.FIELD_LABELS.message)) });
  if (g.random() < 0.55) {
    const select = g.pick(W.SELECT_FIELDS);
    fields.push({ id: `${id}_sel`, type: 'select', label: g.pick(g.words(select.labels)), options: g.sample(select.options, g.int(3, select.options.length)) });
  }
  if (g.random() < 0.5) fields.push({ id: `${id}_chk`, type: 'checkbox', label: g.pick(g.words(W.CHECKBOX_LABELS)) });
  const labels = new Set<string>();
  const unique = fields.filter((f) => !labels.has(f.label.toLowerCase()) && labels.add(f.label.toLowerCase()));
  return {
    kind: 'form', id, title: g.pick(g.words(W.FORM_TITLES)), fields: unique, submit: g.pick(g.words(W.SUBMIT_LABELS)),
    labelStyle, container,
  };
}

const money = (g: Gen) => `$${g.int(3, 240)}.${g.pick(['00', '50', '99', '25'])}`;
const person = (g: Gen) => `${g.pick(W.FIRST_NAMES)} ${g.pick(W.LAST_NAMES)}`;

interface Domain { title: readonly string[]; noun: string; fields: ListField[]; actions: readonly string[][]; item(g: Gen): Record<string, string> }
const DOMAINS: readonly Domain[] = [
  { title: ['Products', 'Shop', 'Catalogue', 'Deals', 'New arrivals', 'Bestsellers'], noun: 'product',
    fields: [{ key: 'name', label: 'Name' }, { key: 'price', label: 'Price', numeric: true }, { key: 'rating', label: 'Rating', numeric: true }],
    actions: [['Add to cart'], ['Buy'], ['View', 'Add to cart'], ['Details', 'Save']],
    item: (g) => ({ name: `${g.pick(W.ADJECTIVES)} ${g.pick(W.PRODUCTS)}`, price: money(g), rating: `${g.int(1, 4)}.${g.int(0, 9)}` }) },
  { title: ['Team', 'Contacts', 'People', 'Directory', 'Staff', 'Members'], noun: 'person',
    fields: [{ key: 'name', label: 'Name' }, { key: 'role', label: 'Role' }, { key: 'city', label: 'City' }],
    actions: [['Message'], ['View profile'], ['Call', 'Message'], ['Follow']],
    item: (g) => ({ name: person(g), role: g.pick(W.ROLES), city: g.pick(W.CITIES) }) },
  { title: ['Inbox', 'Messages', 'Mail', 'Notifications', 'Updates', 'Letters'], noun: 'message',
    fields: [{ key: 'sender', label: 'From' }, { key: 'subject', label: 'Subject' }, { key: 'date', label: 'Date' }],
    actions: [['Open'], ['Open', 'Archive'], ['Read'], ['Reply', 'Delete']],
    item: (g) => ({ sender: person(g), subject: g.pick(W.SUBJECTS), date: `2026-${String(g.int(1, 12)).padStart(2, '0')}-${String(g.int(1, 28)).padStart(2, '0')}` }) },
  { title: ['Events', 'Upcoming events', 'Agenda', 'Whats on', 'Calendar', 'Activities'], noun: 'event',
    fields: [{ key: 'title', label: 'Event' }, { key: 'place', label: 'Place' }, { key: 'seats', label: 'Seats left', numeric: true }],
    actions: [['RSVP'], ['Details'], ['Join', 'Details'], ['Book']],
    item: (g) => ({ title: g.pick(W.EVENTS), place: g.pick(W.CITIES), seats: String(g.int(0, 60)) }) },
  { title: ['Books', 'Library', 'Reading list', 'Bookshelf', 'Titles', 'Collection'], noun: 'book',
    fields: [{ key: 'title', label: 'Title' }, { key: 'author', label: 'Author' }, { key: 'year', label: 'Year', numeric: true }],
    actions: [['Borrow'], ['Reserve'], ['Preview', 'Borrow'], ['Add to list']],
    item: (g) => ({ title: g.pick(W.BOOK_TITLES), author: person(g), year: String(g.int(1950, 2026)) }) },
  { title: ['Flights', 'Trips', 'Departures', 'Fares', 'Routes', 'Connections'], noun: 'flight',
    fields: [{ key: 'city', label: 'To' }, { key: 'price', label: 'Fare', numeric: true }, { key: 'time', label: 'Departs' }],
    actions: [['Select'], ['Book'], ['Choose', 'Details'], ['Hold']],
    item: (g) => ({ city: g.pick(W.CITIES), price: money(g), time: `${String(g.int(5, 22)).padStart(2, '0')}:${g.pick(['00', '15', '30', '45'])}` }) },
];

function listSpec(g: Gen, id: string, count?: number): ListSpec {
  const [layout, classPrefix] = combination(g, ['ul', 'table', 'cards'] as const, ['', 'item-', 'c-'] as const);
  const domain = g.pick(DOMAINS);
  const n = count ?? g.int(3, 7);
  const items: Array<Record<string, string>> = [];
  const seen = new Set<string>();
  for (let tries = 0; items.length < n && tries < 60; tries++) {
    const item = domain.item(g);
    const key = item[domain.fields[0]!.key]!;
    if (!seen.has(key)) { seen.add(key); items.push(item); }
  }
  return {
    kind: 'list', id, title: g.pick(g.words(domain.title)), noun: domain.noun, fields: domain.fields,
    actions: g.pick(domain.actions), items,
    layout, classPrefix,
  };
}

function todoSpec(g: Gen, id: string): TodoSpec {
  const titles = g.sample(W.TODOS, g.int(3, 6));
  return {
    kind: 'todo', id, title: g.pick(['Todos', 'My tasks', 'Checklist', 'To do', 'Errands', 'Chores']),
    inputLabel: g.pick(g.words(['New todo', 'New task', 'What needs doing', 'Add an item', 'Task name', 'Next errand', 'To remember', 'Item'])),
    addLabel: g.pick(g.words(['Add', 'Add task', 'Create', 'Save item', 'Plus', 'Append', 'Insert', 'New'])),
    items: titles.map((title) => ({ title, done: g.random() < 0.3 })),
  };
}

function settingsSpec(g: Gen, id: string): SettingsSpec {
  const tabNames = g.sample(g.words(W.TAB_NAMES), g.int(2, 3));
  const toggles = g.sample(W.TOGGLE_LABELS, tabNames.length * 3);
  return {
    kind: 'settings', id, title: g.pick(['Settings', 'Preferences', 'Options', 'Your account']),
    tabs: tabNames.map((name, t) => ({
      id: `${id}_t${t}`, name,
      toggles: toggles.slice(t * 3, t * 3 + g.int(2, 3)).map((label, i) => ({ id: `${id}_t${t}_g${i}`, label, on: g.random() < 0.4 })),
    })),
  };
}

/** Chrome from its own random stream, so the blocks of a seed are the same with and without it. */
function chromeSpec(seed: number, split: Split, madeUp: number, pseudo: number): ChromeSpec {
  const g = gen(seed * 31 + 7, split, madeUp, pseudo);
  const around: ChromeSpec = {};
  if (g.random() < 0.7) around.nav = { label: g.pick(W.NAV_LABELS), links: g.sample(g.words(W.NAV_LINKS), g.int(3, 6)) };
  if (g.random() < 0.5) around.toolbar = g.sample(g.words(W.TOOL_BUTTONS), g.int(1, 3));
  if (g.random() < 0.5) around.footer = g.sample(W.FOOTER_LINKS, g.int(2, 4));
  return around;
}

/** Extras from their own random stream too. */
function extrasSpec(seed: number, split: Split, madeUp: number, pseudo: number): ExtrasSpec {
  const g = gen(seed * 53 + 11, split, madeUp, pseudo);
  return {
    currentLink: g.random() < 0.6,
    ...(g.random() < 0.5 ? { disabledButton: g.pick(['Archive selected', 'Delete selected', 'Export selected', 'Move selected', 'Mark as read']) } : {}),
    ...(g.random() < 0.6 ? { searchLabel: g.pick(g.words(['Search', 'Search mail', 'Search items', 'Quick search', 'Search this site', 'Find items', 'Site search', 'Lookup'])) } : {}),
    regions: g.random() < 0.5,
    selectable: g.random() < 0.5,
  };
}

/**
 * One page, the same for the same seed and split (and options). madeUp: the share of labels drawn from made-up words
 * on train pages (0 = the word lists only, as the bundled v1 corpus).
 */
export function pageSpec(seed: number, split: Split, options: { chrome?: boolean; extras?: boolean; madeUp?: number; pseudo?: number } = {}): PageSpec {
  const madeUp = options.madeUp ?? 0;
  const pseudo = options.pseudo ?? 0;
  const g = gen(seed, split, madeUp, pseudo);
  const family = g.pick(FAMILIES);
  const blocks: BlockSpec[] = [];
  switch (family) {
    case 'form': blocks.push(formSpec(g, 'form1')); break;
    case 'catalogue': blocks.push(listSpec(g, 'list1')); break;
    case 'search': {
      const list = listSpec(g, 'list1', g.int(4, 7));
      blocks.push({ kind: 'search', id: 'search1', placeholder: g.pick(g.words(W.SEARCH_PLACEHOLDERS)), button: g.pick(g.words(W.SEARCH_BUTTONS)), list });
      break;
    }
    case 'todo': blocks.push(todoSpec(g, 'todo1')); break;
    case 'settings': blocks.push(settingsSpec(g, 'settings1')); break;
    case 'mixed': blocks.push(listSpec(g, 'list1', g.int(3, 5)), formSpec(g, 'form1')); break;
  }
  const first = blocks[0]!;
  const title = first.kind === 'search' ? first.list.title : first.title;
  const layouts = blocks.flatMap((b) => b.kind === 'form' ? [`${b.labelStyle}/${b.container}`] : b.kind === 'list' ? [`${b.layout}/${b.classPrefix}`]
    : b.kind === 'search' ? [`${b.list.layout}/${b.list.classPrefix}`] : []);
  return {
    seed, split, family, template: [family, ...layouts].join(':'), title, blocks,
    ...(options.chrome ? { chrome: chromeSpec(seed, split, madeUp, pseudo) } : {}), ...(options.extras ? { extras: extrasSpec(seed, split, madeUp, pseudo) } : {}),
  };
}
