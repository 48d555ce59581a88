/**
 * Task samples (issue 5, item 7): deterministic (task, script) pairs made from a page document by templates, for
 * few-shot prompting on the names the page really has (AutoDroid-V2's synthetic samples). Templates: fill a form,
 * search for something, open the Nth list item, read a field of a list item, tick a checkbox, pick a select option.
 * The same document and seed always give the same samples; every script is in our script language
 * (sandbox/LANGUAGE.md) and uses only the document's names.
 */
import type { ElementEntry, ListEntry, PageDocument, Section } from '../../protocol/schemas.ts';
import type { FakeElement, FakePage } from '../../sandbox/capabilities/fake-bridge.ts';
import type { ScriptName } from '../../sandbox/capabilities/bridge.ts';
import { seededRandom } from '../../../workers/engines/decoding/sampler.ts';
import { openerSlot } from './page-bridge.ts';

export type SampleTemplate = 'fill_form' | 'search' | 'open_item' | 'read_field' | 'check' | 'select';
export interface Sample {
  template: SampleTemplate;
  task: string;
  script: string;
}
export interface SampleOptions {
  seed?: number;
  /** At most this many samples (default 6), one per template first. */
  max?: number;
}

const TYPABLE: ReadonlySet<string> = new Set(['text_input', 'text_area', 'editable', 'combobox']);
const SEARCH_TERMS = ['invoice', 'weekly report', 'lunch', 'flight to Lisbon', 'blue running shoes', 'tax form'];
const WORDS = ['Hello there', 'See you soon', 'Project update', 'Thanks a lot', 'Meeting notes', 'Quick question'];
const NAMES = ['Ana Lovelace', 'Jonas Berg', 'Maya Chen', 'Sam Okafor'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

const usable = (e: ElementEntry) => !e.state?.disabled && !e.sensitive;
const str = (text: string) => JSON.stringify(text);
/** Page text in a sample task is quoted, as in the document: a label cannot pose as an instruction (review, session 14). */
const label = (e: ElementEntry | ListEntry) => str((e.description || e.name.split('__').pop()!.replace(/_/g, ' ')).trim().slice(0, 60));

/** A plausible value for a text field, from its type and label; never a real secret (sensitive fields are skipped). */
function valueFor(entry: ElementEntry, pick: <T>(items: readonly T[]) => T): string {
  const hint = `${entry.inputType ?? ''} ${entry.name} ${entry.description} ${entry.placeholder ?? ''}`.toLowerCase();
  if (/email|\bto\b|__to\b|recipient/.test(hint)) return pick(['ana@example.com', 'jonas@example.org', 'team@example.net']);
  if (/number|quantity|amount|age/.test(hint)) return pick(['2', '3', '5']);
  if (/\bdate\b/.test(hint)) return '2026-12-01';
  if (/\btel\b|phone/.test(hint)) return '+1 555 0100';
  if (/\burl\b|website|link/.test(hint)) return 'https://example.com';
  if (/name/.test(hint)) return pick(NAMES);
  if (/search|query/.test(hint)) return pick(SEARCH_TERMS);
  return pick(WORDS);
}

const elementsOf = (section: Section) => section.entries.filter((e): e is ElementEntry => e.kind !== 'list');
const isSubmit = (e: ElementEntry) => e.kind === 'button' && /submits/.test(e.effect ?? '');
const looksLikeSearch = (e: ElementEntry) => e.inputType === 'search' || /search|query/.test(`${e.name} ${e.placeholder ?? ''}`.toLowerCase());

/** Samples for a document, seeded and reproducible. */
export function taskSamplesFor(doc: PageDocument, options: SampleOptions = {}): Sample[] {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const byTemplate = new Map<SampleTemplate, Sample[]>();
  const add = (sample: Sample) => byTemplate.set(sample.template, [...(byTemplate.get(sample.template) ?? []), sample]);

  for (const section of doc.sections) {
    const elements = elementsOf(section);
    const fields = elements.filter((e) => TYPABLE.has(e.kind) && usable(e));
    const submit = elements.find((e) => isSubmit(e) && usable(e))
      ?? (section.kind === 'form' || section.kind === 'dialog' || section.kind === 'search'
        ? elements.find((e) => e.kind === 'button' && usable(e)) : undefined);
    const search = fields.find(looksLikeSearch);
    if (search && (section.kind === 'search' || fields.length === 1)) {
      const term = pick(SEARCH_TERMS);
      const lines = [`$${search.name}.type(${str(term)});`];
      if (submit) lines.push(`$${submit.name}.click();`);
      if (submit) add({ template: 'search', task: `Search for ${str(term)}`, script: lines.join('\n') });
    } else if (fields.length && submit) {
      const values = fields.slice(0, 4).map((f) => [f, valueFor(f, pick)] as const);
      add({
        template: 'fill_form',
        task: `Fill in the ${str(section.title || section.name.replace(/_/g, ' '))} form (${values.map(([f, v]) => `${label(f)}: ${v}`).join(', ')}) and press ${label(submit)}`,
        script: [...values.map(([f, v]) => `$${f.name}.type(${str(v)});`), `$${submit.name}.click();`].join('\n'),
      });
    }
    for (const box of elements.filter((e) => (e.kind === 'checkbox' || e.kind === 'switch') && usable(e))) {
      add({ template: 'check', task: `Turn on ${label(box)}`, script: `$${box.name}.check();` });
    }
    for (const select of elements.filter((e) => e.kind === 'select' && usable(e) && e.options?.length)) {
      const option = pick(select.options!);
      add({ template: 'select', task: `Set ${label(select)} to ${str(option)}`, script: `$${select.name}.select(${str(option)});` });
    }
    for (const list of section.entries.filter((e): e is ListEntry => e.kind === 'list')) {
      const count = Math.max(1, Math.min(list.count, ORDINALS.length));
      const index = Math.floor(random() * count);
      const noun = str(list.description || list.name.split('__').pop()!.replace(/_/g, ' '));
      // An item's own action slot named `open` is a field (its button): click it; otherwise the item opens itself — not
      // where its items have controls of which none opens them (a todo's box and Remove: open() is a NotFound there).
      const opener = list.actions.includes('open') ? 'open.click' : openerSlot(list) || !list.slots.some((slot) => slot.kind !== 'text') ? 'open' : undefined;
      if (opener) add({ template: 'open_item', task: `Open the ${ORDINALS[index]} item of ${noun}`, script: `$${list.name}[${index}].${opener}();` });
      if (list.fields.length) {
        const field = pick(list.fields);
        add({
          template: 'read_field',
          task: `What is the ${field.replace(/_/g, ' ')} of the ${ORDINALS[index]} item of ${noun}?`,
          script: `const ${identifier(field)} = $${list.name}[${index}].${field}.text();\ndone(${identifier(field)});`,
        });
      }
    }
  }
  // One of each template first (in a fixed order), then the rest in document order, up to `max`.
  const order: SampleTemplate[] = ['fill_form', 'search', 'open_item', 'read_field', 'check', 'select'];
  const firsts = order.flatMap((t) => byTemplate.get(t)?.slice(0, 1) ?? []);
  const rest = order.flatMap((t) => byTemplate.get(t)?.slice(1) ?? []);
  return [...firsts, ...rest].slice(0, options.max ?? 6);
}

/** A variable name for a field (`subject` → `subject`; names that are keywords or odd get a prefix). */
function identifier(field: string): string {
  const clean = field.replace(/[^\p{L}\p{M}\p{N}_]/gu, '_');
  return /^[\p{L}_]/u.test(clean) && !RESERVED.has(clean) ? clean : `value_${clean}`;
}
const RESERVED = new Set(['do', 'if', 'in', 'for', 'let', 'new', 'try', 'var', 'case', 'else', 'enum', 'this', 'void', 'with',
  'break', 'catch', 'class', 'const', 'super', 'throw', 'while', 'yield', 'delete', 'export', 'import', 'return', 'switch',
  'typeof', 'default', 'extends', 'finally', 'package', 'private', 'continue', 'debugger', 'function', 'arguments',
  'interface', 'protected', 'implements', 'instanceof', 'constructor', 'prototype', 'eval', 'window', 'document', 'self',
  'globalThis', 'chrome', 'browser', 'fetch', 'require', 'process', 'done', 'say', 'ask', 'wait', 'navigate', 'waitFor',
  'undefined', 'null', 'true', 'false', 'NaN', 'Infinity', 'Math', 'JSON', 'Object', 'Array', 'String', 'Number', 'Boolean']);

/** The names a document offers to scripts (lists: fields and action slots). */
export function documentNames(doc: PageDocument): ScriptName[] {
  return doc.sections.flatMap((s) => s.entries).map((entry) => (entry.kind === 'list'
    ? { name: entry.name, kind: 'list', fields: [...new Set([...entry.fields, ...entry.actions])] }
    : { name: entry.name, kind: entry.kind }));
}

/** An in-memory page with the document's names, for running samples in tests and demos (see FakeBridge). */
export function fakePageFor(doc: PageDocument): FakePage {
  const elements: Record<string, FakeElement> = {};
  const lists: Record<string, Array<Record<string, string>>> = {};
  for (const entry of doc.sections.flatMap((s) => s.entries)) {
    if (entry.kind === 'list') {
      const keys = [...new Set([...entry.fields, ...entry.actions])];
      lists[entry.name] = Array.from({ length: Math.max(1, Math.min(entry.count, 20)) }, (_, i) =>
        Object.fromEntries(keys.map((k) => [k, entry.samples[i]?.[k] ?? `${k} ${i + 1}`])));
      continue;
    }
    elements[entry.name] = {
      kind: entry.kind === 'text_area' ? 'textarea' : TYPABLE.has(entry.kind) ? 'text_input' : entry.kind === 'switch' ? 'checkbox' : entry.kind,
      text: entry.description,
      ...(entry.options ? { options: [...entry.options] } : {}),
      ...(entry.state?.disabled ? { disabled: true } : {}),
    };
  }
  return { elements, lists, path: new URL(doc.url).pathname };
}
