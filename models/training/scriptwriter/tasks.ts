/**
 * Tasks with gold scripts for a rendered synthetic page. Names come from the page's real document (what our
 * extractor produced), mapped back to the spec through the live elements; the expected outcome comes from the spec.
 * The harness runs every gold script and keeps only those whose outcome matches (verify.ts).
 */
import { resolveLocators } from '../../../extension/content/document/locators.ts';
import { slotElement } from '../../../extension/content/document/lists.ts';
import type { ListEntry, PageDocument } from '../../../extension/protocol/schemas.ts';
import { seededRandom } from '../../../workers/engines/decoding/sampler.ts';
import type { RenderedPage } from './render.ts';
import type { FieldSpec, FormSpec, ListSpec, PageSpec, SearchSpec, SettingsSpec, TodoSpec } from './spec.ts';
import * as W from './words.ts';

export interface Expectation {
  submitted?: { form: string; values: Record<string, string | boolean> };
  fields?: Record<string, string | boolean>;
  pressed?: string[];
  searched?: string;
  todos?: Array<{ title: string; done: boolean }>;
  toggles?: Record<string, boolean>;
  tab?: { settings: string; tab: string };
  hash?: string;
  result?: string | number;
}

export interface Task {
  kind: string;
  task: string;
  script: string;
  expect: Expectation;
}

/** Document names of the spec's elements; lists with their field and action slot names. */
export interface NameMap {
  elements: Map<string, string>;
  lists: Map<string, { name: string; fields: Map<string, string>; actions: Map<string, string>; checkbox?: string }>;
}

const entriesOf = (doc: PageDocument) => doc.sections.flatMap((s) => s.entries);

export function mapNames(docs: PageDocument[], page: RenderedPage, spec: PageSpec, root: Document): NameMap {
  const map: NameMap = { elements: new Map(), lists: new Map() };
  const byElement = new Map<Element, string>();
  for (const [id, el] of page.elements) byElement.set(el, id);
  const listSpecs = spec.blocks.flatMap((b) => (b.kind === 'list' ? [b] : b.kind === 'search' ? [b.list] : []));
  const todo = spec.blocks.find((b): b is TodoSpec => b.kind === 'todo');
  for (const entry of docs.flatMap(entriesOf)) {
    const el = resolveLocators(root, entry.locators);
    if (!el) continue;
    if (entry.kind !== 'list') {
      const id = byElement.get(el);
      if (id && !map.elements.has(id)) map.elements.set(id, entry.name);
      continue;
    }
    const items = Array.from(el.querySelectorAll(entry.itemSelector));
    const first = items[0];
    if (!first) continue;
    const list = listSpecs.find((l) => first.textContent?.includes(l.items[0]![l.fields[0]!.key]!));
    if (list) map.lists.set(list.id, { name: entry.name, ...slots(entry, first, (key) => `${list.classPrefix}${key}`, list.fields.map((f) => f.key), list.actions) });
    else if (todo && first.textContent?.includes(todo.items[0]?.title ?? '\u0000')) {
      map.lists.set(todo.id, { name: entry.name, ...slots(entry, first, (key) => key, ['title'], ['Remove']) });
    }
  }
  return map;
}

function slots(entry: ListEntry, item: Element, cls: (key: string) => string, keys: string[], actions: string[]) {
  const fields = new Map<string, string>();
  const actionNames = new Map<string, string>();
  let checkbox: string | undefined;
  for (const slot of entry.slots) {
    const el = slotElement(item, slot.selector);
    if (!el) continue;
    const key = keys.find((k) => el.classList.contains(cls(k)) || el.querySelector(`.${CSS.escape(cls(k))}`) === el);
    if (key && !fields.has(key)) fields.set(key, slot.name);
    const action = actions.find((a) => el.tagName === 'BUTTON' && el.textContent?.trim() === a);
    if (action && !actionNames.has(action)) actionNames.set(action, slot.name);
    if (el instanceof HTMLInputElement && el.type === 'checkbox') checkbox = slot.name;
  }
  return { fields, actions: actionNames, ...(checkbox ? { checkbox } : {}) };
}

const q = (text: string) => JSON.stringify(text);
const num = (text: string) => Number.parseFloat(text.replace('$', ''));

interface Ctx { pick: <T>(items: readonly T[]) => T; random: () => number; names: NameMap; spec: PageSpec }

function valueFor(f: FieldSpec, ctx: Ctx): string {
  if (f.type !== 'text') return ctx.pick(W.MESSAGES);
  const person = `${ctx.pick(W.FIRST_NAMES)} ${ctx.pick(W.LAST_NAMES)}`;
  switch (f.role) {
    case 'name': return person;
    case 'email': return `${person.split(' ')[0]!.toLowerCase()}@${ctx.pick(['example.com', 'mail.test', 'post.example'])}`;
    case 'phone': return `+1 555 ${String(100 + Math.floor(ctx.random() * 900))} ${String(1000 + Math.floor(ctx.random() * 9000))}`;
    case 'city': return ctx.pick(W.CITIES);
    case 'company': return ctx.pick(W.COMPANIES);
    case 'quantity': return String(1 + Math.floor(ctx.random() * 9));
    case 'date': return `2026-${String(1 + Math.floor(ctx.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(ctx.random() * 28)).padStart(2, '0')}`;
    case 'message': return ctx.pick(W.MESSAGES);
  }
}

function formTasks(form: FormSpec, ctx: Ctx): Task[] {
  const name = (id: string) => ctx.names.elements.get(id);
  const submit = name(`${form.id}_submit`);
  const usable = form.fields.filter((f) => name(f.id));
  if (!usable.length) return [];
  const tasks: Task[] = [];
  const chosen = usable.filter(() => ctx.random() < 0.8);
  const fill = chosen.length ? chosen : usable.slice(0, 1);
  const values: Record<string, string | boolean> = {};
  const lines: string[] = [];
  const phrases: string[] = [];
  for (const f of fill) {
    if (f.type === 'checkbox') {
      values[f.id] = true;
      lines.push(`$${name(f.id)}.check();`);
      phrases.push(ctx.pick([`tick "${f.label}"`, `check "${f.label}"`, `turn on "${f.label}"`]));
    } else if (f.type === 'select') {
      const option = ctx.pick(f.options);
      values[f.id] = option;
      lines.push(`$${name(f.id)}.select(${q(option)});`);
      phrases.push(ctx.pick([`${f.label}: ${option}`, `choose ${option} as ${f.label}`, `${f.label} ${option}`]));
    } else {
      const value = valueFor(f, ctx);
      values[f.id] = value;
      lines.push(`$${name(f.id)}.type(${q(value)});`);
      phrases.push(ctx.pick([`${f.label}: ${value}`, `${f.label} "${value}"`, `set ${f.label} to ${value}`]));
    }
  }
  const all = Object.fromEntries(form.fields.map((f) => [f.id, values[f.id] ?? (f.type === 'checkbox' ? false : '')]));
  if (submit) {
    const list = phrases.join(', ');
    tasks.push({
      kind: 'fill_submit',
      task: ctx.pick([`Fill in the ${form.title} form (${list}) and press ${form.submit}`, `${form.title}: ${list}, then ${form.submit}`,
        `Please enter ${list} and submit the ${form.title} form`, `Complete ${form.title} with ${list} and click ${form.submit}`]),
      script: [...lines, `$${submit}.click();`].join('\n'),
      expect: { submitted: { form: form.id, values: all } },
    });
  }
  const one = ctx.pick(usable);
  if (one.type === 'text' || one.type === 'textarea') {
    const value = valueFor(one, ctx);
    tasks.push({ kind: 'type', task: ctx.pick([`Type ${q(value)} into ${one.label}`, `Enter ${value} as the ${one.label.toLowerCase()}`, `Put ${q(value)} in the ${one.label} field`]),
      script: `$${name(one.id)}.type(${q(value)});`, expect: { fields: { [one.id]: value } } });
  } else if (one.type === 'select') {
    const option = ctx.pick(one.options);
    tasks.push({ kind: 'select', task: ctx.pick([`Set ${one.label} to ${option}`, `Choose ${option} for ${one.label}`, `Pick "${option}" as the ${one.label.toLowerCase()}`]),
      script: `$${name(one.id)}.select(${q(option)});`, expect: { fields: { [one.id]: option } } });
  } else {
    tasks.push({ kind: 'check', task: ctx.pick([`Tick "${one.label}"`, `Check the box "${one.label}"`, `Turn on ${one.label}`]),
      script: `$${name(one.id)}.check();`, expect: { fields: { [one.id]: true } } });
  }
  return tasks;
}

function listTasks(list: ListSpec, ctx: Ctx, visible = list.items): Task[] {
  const mapped = ctx.names.lists.get(list.id);
  if (!mapped || !visible.length) return [];
  const L = `$${mapped.name}`;
  const primary = list.fields[0]!.key;
  const tasks: Task[] = [];
  const action = ctx.pick(list.actions);
  const slot = mapped.actions.get(action);
  const press = (item: Record<string, string>) => `${list.id}/${item[primary]}/${action}`;
  const verb = action.toLowerCase();
  if (slot) {
    const index = Math.floor(ctx.random() * Math.min(visible.length, W.ORDINALS.length));
    tasks.push({ kind: 'nth', task: ctx.pick([`${action} the ${W.ORDINALS[index]} ${list.noun}`, `Press ${action} on the ${W.ORDINALS[index]} ${list.noun} in ${list.title}`, `In ${list.title}, ${verb} item number ${index + 1}`]),
      script: `${L}[${index}].${slot}.click();`, expect: { pressed: [press(visible[index]!)] } });
    const item = ctx.pick(visible);
    tasks.push({ kind: 'by_name', task: ctx.pick([`${action} ${item[primary]}`, `Press ${action} for "${item[primary]}"`, `Find ${item[primary]} in ${list.title} and ${verb} it`]),
      script: `${L}.find(${q(item[primary]!)}).${slot}.click();`, expect: { pressed: [press(item)] } });
    const numeric = list.fields.find((f) => f.numeric && mapped.fields.has(f.key));
    if (numeric) {
      const field = mapped.fields.get(numeric.key)!;
      const lowest = ctx.random() < 0.5;
      let best = visible[0]!;
      for (const it of visible) if (lowest ? num(it[numeric.key]!) < num(best[numeric.key]!) : num(it[numeric.key]!) > num(best[numeric.key]!)) best = it;
      const word = lowest ? ctx.pick(['lowest', 'smallest']) : ctx.pick(['highest', 'largest']);
      const read = (v: string) => numeric.key === 'price' ? `parseFloat(${v}.${field}.text().replace("$", ""))` : `parseFloat(${v}.${field}.text())`;
      tasks.push({ kind: 'extreme', task: ctx.pick([`${action} the ${list.noun} with the ${word} ${numeric.label.toLowerCase()}`, `Find the ${list.noun} whose ${numeric.label.toLowerCase()} is ${word} and press ${action}`]),
        script: [`let best = ${L}[0];`, `for (const item of ${L}) {`, `  if (${read('item')} ${lowest ? '<' : '>'} ${read('best')}) best = item;`, '}', `best.${slot}.click();`].join('\n'),
        expect: { pressed: [press(best)] } });
      const it = ctx.pick(visible);
      const limit = Math.round(num(ctx.pick(visible)[numeric.key]!));
      const below = num(it[numeric.key]!) < limit;
      tasks.push({ kind: 'conditional', task: `If the ${numeric.label.toLowerCase()} of ${it[primary]} is below ${limit}, ${verb} it`,
        script: [`const item = ${L}.find(${q(it[primary]!)});`, `if (${read('item')} < ${limit}) item.${slot}.click();`].join('\n'),
        expect: { pressed: below ? [press(it)] : [] } });
    }
    const text = list.fields.slice(1).find((f) => !f.numeric && mapped.fields.has(f.key));
    if (text) {
      const value = ctx.pick(visible)[text.key]!;
      const matching = visible.filter((it) => it[text.key] === value);
      tasks.push({ kind: 'filter', task: ctx.pick([`${action} every ${list.noun} whose ${text.label.toLowerCase()} is ${value}`, `Press ${action} on all ${list.title.toLowerCase()} with ${text.label.toLowerCase()} ${value}`]),
        script: [`for (const item of ${L}) {`, `  if (item.${mapped.fields.get(text.key)}.text() === ${q(value)}) item.${slot}.click();`, '}'].join('\n'),
        expect: { pressed: matching.map(press) } });
    }
  }
  const readable = list.fields.slice(1).filter((f) => mapped.fields.has(f.key));
  if (readable.length) {
    const f = ctx.pick(readable);
    const item = ctx.pick(visible);
    tasks.push({ kind: 'read', task: ctx.pick([`What is the ${f.label.toLowerCase()} of ${item[primary]}?`, `Tell me the ${f.label.toLowerCase()} of "${item[primary]}"`, `Read the ${f.label.toLowerCase()} for ${item[primary]}`]),
      script: `done(${L}.find(${q(item[primary]!)}).${mapped.fields.get(f.key)}.text());`, expect: { result: item[f.key]! } });
  }
  tasks.push({ kind: 'count', task: ctx.pick([`How many ${list.noun}s are listed?`, `Count the items in ${list.title}`, `How many entries does ${list.title} have?`]),
    script: `done(${L}.length);`, expect: { result: visible.length } });
  return tasks;
}

function searchTasks(search: SearchSpec, ctx: Ctx): Task[] {
  const input = ctx.names.elements.get(`${search.id}_input`);
  const button = ctx.names.elements.get(`${search.id}_button`);
  if (!input || !button) return [];
  const list = search.list;
  const primary = list.fields[0]!.key;
  const target = ctx.pick(list.items);
  const term = ctx.pick(target[primary]!.split(' ').filter((w) => w.length > 2)) ?? target[primary]!;
  const hits = list.items.filter((it) => Object.values(it).some((v) => v.toLowerCase().includes(term.toLowerCase())));
  const base = [`$${input}.type(${q(term)});`, `$${button}.click();`];
  const tasks: Task[] = [{ kind: 'search', task: ctx.pick([`Search for ${term}`, `Look up "${term}"`, `Find ${term} using the search box`]), script: base.join('\n'), expect: { searched: term } }];
  const mapped = ctx.names.lists.get(list.id);
  const action = list.actions[0]!;
  const slot = mapped?.actions.get(action);
  if (mapped && slot && hits.length) {
    tasks.push({ kind: 'search_act', task: ctx.pick([`Search for ${term} and ${action.toLowerCase()} the first result`, `Look up "${term}", then press ${action} on the top result`]),
      script: [...base, `$${mapped.name}[0].${slot}.click();`].join('\n'), expect: { searched: term, pressed: [`${list.id}/${hits[0]![primary]}/${action}`] } });
  }
  const field = list.fields.slice(1).find((f) => mapped?.fields.has(f.key));
  if (mapped && field && hits.length) {
    tasks.push({ kind: 'search_read', task: `Search for ${term} and tell me the ${field.label.toLowerCase()} of the first result`,
      script: [...base, `done($${mapped.name}[0].${mapped.fields.get(field.key)}.text());`].join('\n'), expect: { searched: term, result: hits[0]![field.key]! } });
  }
  return tasks;
}

function todoTasks(todo: TodoSpec, ctx: Ctx): Task[] {
  const input = ctx.names.elements.get(`${todo.id}_input`);
  const add = ctx.names.elements.get(`${todo.id}_add`);
  const tasks: Task[] = [];
  if (input && add) {
    const title = ctx.pick(W.TODOS.filter((t) => !todo.items.some((i) => i.title === t)));
    tasks.push({ kind: 'todo_add', task: ctx.pick([`Add "${title}" to ${todo.title}`, `New task: ${title}`, `Put ${title} on the list`]),
      script: [`$${input}.type(${q(title)});`, `$${add}.click();`].join('\n'), expect: { todos: [...todo.items, { title, done: false }] } });
  }
  const mapped = ctx.names.lists.get(todo.id);
  const item = ctx.pick(todo.items);
  if (mapped?.checkbox && !item.done) {
    tasks.push({ kind: 'todo_done', task: ctx.pick([`Mark "${item.title}" as done`, `Tick off ${item.title}`, `I finished ${item.title}`]),
      script: `$${mapped.name}.find(${q(item.title)}).${mapped.checkbox}.check();`, expect: { todos: todo.items.map((t) => (t === item ? { ...t, done: true } : t)) } });
  }
  const remove = mapped?.actions.get('Remove');
  if (mapped && remove) {
    tasks.push({ kind: 'todo_remove', task: ctx.pick([`Remove "${item.title}"`, `Delete ${item.title} from the list`, `Take ${item.title} off ${todo.title}`]),
      script: `$${mapped.name}.find(${q(item.title)}).${remove}.click();`, expect: { todos: todo.items.filter((t) => t !== item) } });
  }
  if (mapped) tasks.push({ kind: 'count', task: ctx.pick([`How many tasks are on ${todo.title}?`, 'Count the todos']), script: `done($${mapped.name}.length);`, expect: { result: todo.items.length } });
  return tasks;
}

function settingsTasks(settings: SettingsSpec, ctx: Ctx): Task[] {
  const tasks: Task[] = [];
  const first = settings.tabs[0]!;
  const name = (id: string) => ctx.names.elements.get(id);
  const here = first.toggles.filter((t) => name(t.id));
  if (here.length) {
    const t = ctx.pick(here);
    const on = !t.on;
    tasks.push({ kind: 'toggle', task: on ? ctx.pick([`Turn on ${t.label}`, `Enable ${t.label}`]) : ctx.pick([`Turn off ${t.label}`, `Disable ${t.label}`]),
      script: `$${name(t.id)}.${on ? 'check' : 'uncheck'}();`, expect: { toggles: { [t.id]: on } } });
  }
  const other = ctx.pick(settings.tabs.slice(1));
  const tab = name(`${other.id}_tab`);
  const there = other.toggles.filter((t) => name(t.id));
  if (tab && there.length) {
    const t = ctx.pick(there);
    const on = !t.on;
    tasks.push({ kind: 'tab_toggle', task: ctx.pick([`Go to ${other.name} and ${on ? 'enable' : 'disable'} ${t.label}`, `Open the ${other.name} tab, then turn ${on ? 'on' : 'off'} ${t.label}`]),
      script: [`$${tab}.click();`, `$${name(t.id)}.${on ? 'check' : 'uncheck'}();`].join('\n'), expect: { tab: { settings: settings.id, tab: other.id }, toggles: { [t.id]: on } } });
  }
  if (tab) tasks.push({ kind: 'tab', task: ctx.pick([`Open the ${other.name} tab`, `Switch to ${other.name}`]), script: `$${tab}.click();`, expect: { tab: { settings: settings.id, tab: other.id } } });
  return tasks;
}

function chromeTasks(spec: PageSpec, ctx: Ctx): Task[] {
  const tasks: Task[] = [];
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const links = [...(spec.chrome?.nav?.links ?? []).map((t, i) => [t, `nav_${i}`] as const), ...(spec.chrome?.footer ?? []).map((t, i) => [t, `foot_${i}`] as const)]
    .filter(([, id]) => ctx.names.elements.has(id));
  if (links.length) {
    const [text, id] = ctx.pick(links);
    tasks.push({ kind: 'nav', task: ctx.pick([`Go to ${text}`, `Open the ${text} page`, `Follow the ${text} link`]),
      script: `$${ctx.names.elements.get(id)}.click();`, expect: { hash: slug(text) } });
  }
  const tools = (spec.chrome?.toolbar ?? []).map((t, i) => [t, `tool_${i}`] as const).filter(([, id]) => ctx.names.elements.has(id));
  if (tools.length) {
    const [label, id] = ctx.pick(tools);
    tasks.push({ kind: 'press', task: ctx.pick([`Press ${label}`, `Click the ${label} button`]), script: `$${ctx.names.elements.get(id)}.click();`,
      expect: { pressed: [`chrome/${label}`] } });
  }
  return tasks;
}

/** All tasks for a page, seeded by the page (chrome tasks from their own stream, after the blocks'). */
export function tasksFor(spec: PageSpec, names: NameMap): Task[] {
  const random = seededRandom(spec.seed * 7919 + 17);
  const ctx: Ctx = { random, pick: (items) => items[Math.floor(random() * items.length)]!, names, spec };
  const chromeRandom = seededRandom(spec.seed * 104_729 + 3);
  const chrome = spec.chrome ? chromeTasks(spec, { ...ctx, random: chromeRandom, pick: (items) => items[Math.floor(chromeRandom() * items.length)]! }) : [];
  return [...spec.blocks.flatMap((b) => {
    switch (b.kind) {
      case 'form': return formTasks(b, ctx);
      case 'list': return listTasks(b, ctx);
      case 'search': return searchTasks(b, ctx);
      case 'todo': return todoTasks(b, ctx);
      case 'settings': return settingsTasks(b, ctx);
    }
  }), ...chrome];
}
