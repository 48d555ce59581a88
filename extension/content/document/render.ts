/**
 * The prompt form of a document: one line per element or list, grouped by section. Names and kinds are ours;
 * every piece of page text is JSON-quoted, so text on the page cannot open a line, a section or a name.
 */
import type { ElementEntry, Entry, ListEntry, ListSlot, PageDocument, Section } from './types.ts';
import { isList } from './types.ts';
import { MARKED_KINDS, quote, slug, truncate, withoutCounts, withoutFieldMark } from './text.ts';

export type CountTokens = (text: string) => number;
export const estimateTokens: CountTokens = (text) => Math.ceil(text.length / 4);

function stateParts(entry: ElementEntry): string[] {
  const out: string[] = [];
  const s = entry.state ?? {};
  if (entry.sensitive) out.push('sensitive');
  if (s.value !== undefined) out.push(`value=${quote(s.value, 60)}`);
  if (s.checked !== undefined) out.push(s.checked ? 'checked' : 'unchecked');
  if (s.selected !== undefined) out.push(`selected=${quote(s.selected, 60)}`);
  if (s.min !== undefined) out.push(`min=${bound(s.min)}`);
  if (s.max !== undefined) out.push(`max=${bound(s.max)}`);
  if (s.step !== undefined) out.push(`step=${bound(s.step)}`);
  if (s.expanded !== undefined) out.push(s.expanded ? 'expanded' : 'collapsed');
  if (s.pressed !== undefined) out.push(s.pressed ? 'pressed' : 'not pressed');
  if (s.current) out.push('current');
  if (s.required) out.push('required');
  if (s.invalid) out.push(s.error ? `invalid=${quote(s.error, 100)}` : 'invalid');
  if (s.readonly) out.push('readonly');
  if (s.disabled) out.push('disabled');
  return out;
}

/** A number or date bare (`min=0`, `max=2026-12-31`); anything else the page wrote quoted, as page text is. */
const bound = (value: string) => (/^-?[\d.:T-]{1,25}$/.test(value) ? value : quote(value, 25));

/**
 * A link target in few tokens: another site as its host (the link's text says what is there), ours as path (capped).
 * A target is page text outside quotes: what URLs do not need (`$`, quotes, brackets, parentheses) is %-encoded, so no
 * target can write a `$name`, code or a closing quote into the prompt.
 */
export function shortTarget(target: string): string {
  if (/^https?:\/\//.test(target)) {
    try {
      return new URL(target).host.replace(/^www\./, '');
    } catch {
      return plainTarget(truncate(target, 40));
    }
  }
  return plainTarget(truncate(target, 32));
}

const plainTarget = (target: string) => target.replace(/[^\p{L}\p{M}\p{N}\-._~:/?#@!&+,;=%*…]/gu,
  (char) => Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));

/** Effects in few words: a link's target alone, a new tab in brackets. */
function shortEffect(effect: string): string {
  const one = effect.replace(/[\r\n]+/g, ' ');
  const goes = /^goes to (\S+)$/.exec(one);
  if (goes) return shortTarget(goes[1]!);
  const tab = /^opens (\S+) in a new tab$/.exec(one);
  if (tab) return `${shortTarget(tab[1]!)} (new tab)`;
  return truncate(one, 60);
}

/**
 * A link whose label is a phrase of its own (a headline, "Download the 2024 report") says where it goes better than its
 * path, which on such pages is mostly that phrase as a slug: the prompt leaves the path out (the JSON keeps it).
 * Short or generic labels ("Home", "Read more", none) keep their target.
 */
function pathSaysNothingMore(entry: ElementEntry): boolean {
  if (entry.kind !== 'link' || /_\d+$/.test(entry.name)) return false; // a numbered twin: the target tells them apart
  // Only a plain move to a page of this site; a new tab, another site, a place on this page or a control keep theirs.
  if (!/^goes to \/[^/\s]\S*$/.test(entry.effect ?? '')) return false;
  const label = splitShown(entry.description).label.trim();
  const words = label.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length >= 4 && !/^(read|learn|find out|see|view|show|click|more|here|continue|go to|back to|skip to|return to)\b/i.test(label);
}

/** How a description holds a control's shown text besides its name (build.ts; `splitShown` reads it back). */
export const describeShown = (name: string, shows: string): string => `${truncate(name, 150)} (shows "${truncate(shows, 120)}")`;

/** A description's name and the text its control shows, when they differ (see `describeShown`). */
export function splitShown(description: string): { label: string; shows?: string } {
  const match = /^(.*) \(shows "(.*)"\)$/su.exec(description);
  return match ? { label: match[1]!, shows: match[2]! } : { label: description };
}

/** A label its slug keeps all of: letters, digits and light punctuation, no sign in front. */
const LOSSLESS_LABEL = /^(?![-–—])[\p{L}\p{N}\s().,:;'’–—-]+$/u;

/** Options a select shows in the prompt (the JSON keeps up to 20); `.select(text)` takes any of them. */
const PROMPT_OPTIONS = 10;

/**
 * One element per line. The kind is left out when the name ends with it (`…_link`, `…_button`), and the quoted
 * label when the name already spells it; the JSON keeps both.
 */
export function renderElement(entry: ElementEntry): string {
  if (entry.kind === 'message') return renderMessage(entry);
  const own = entry.name.slice(entry.name.indexOf('__') + 2);
  // A control that shows other words than its name has both, quoted apart: a long name cannot push them out.
  const { label, shows } = splitShown(entry.description);
  // The label is implied only when the name holds all of its words (slugs keep at most 4), but for a field's
  // "(optional)" the name leaves out (names.ts).
  const base = slug(MARKED_KINDS.has(entry.kind) ? withoutFieldMark(withoutCounts(label)) : withoutCounts(label), 100);
  const kindInName = own.endsWith(`_${entry.kind}`) && !entry.inputType;
  // A radio's name leads with its group (`delivery_express_next_day`): a label ending it is spelt by it too, when the
  // name loses nothing of it (not "+10", "$100", "C#").
  const grouped = (entry.kind === 'radio' || entry.kind === 'checkbox') && LOSSLESS_LABEL.test(label);
  const labelInName = !!base && [base, `${base}_${entry.kind}`].some((end) => own === end || (grouped && own.endsWith(`_${end}`)));
  const parts = [`$${entry.name}`];
  if (!kindInName) parts.push(entry.inputType ? `${entry.kind}:${entry.inputType}` : entry.kind);
  if (label && !labelInName) parts.push(quote(label, 48));
  if (shows) parts.push(`shows=${quote(shows, 48)}`);
  if (entry.placeholder) parts.push(`placeholder=${quote(entry.placeholder, 40)}`);
  if (entry.row) parts.push(`in ${quote(entry.row, 40)}`);
  const state = stateParts(entry);
  if (state.length) parts.push(`[${state.join(' ')}]`);
  if (entry.options?.length) {
    const shown = entry.options.slice(0, PROMPT_OPTIONS);
    const total = entry.optionsTotal ?? entry.options.length;
    const more = total > shown.length ? ` +${total - shown.length} more` : '';
    parts.push(`options=[${shown.map((o) => quote(o, 40)).join(', ')}${more}]`);
  }
  if (entry.effect && !pathSaysNothingMore(entry)) parts.push(`→ ${shortEffect(entry.effect)}`);
  return parts.join(' ');
}

/**
 * A message (content/document/messages.ts): its kind always, then the text it shows now, quoted (none while empty);
 * its name never says that text, so the text is never implied by it.
 */
function renderMessage(entry: ElementEntry): string {
  return entry.description ? `$${entry.name} message ${quote(entry.description, MESSAGE_CHARS)}` : `$${entry.name} message`;
}
/** Characters of a message's text in the prompt: a validation message or a result line whole, a long log cut. */
const MESSAGE_CHARS = 80;

const LINK_SAMPLES = 5;
/** Slot kinds whose state a list's samples carry (lists.ts). */
const TOGGLES: ReadonlySet<string> = new Set(['checkbox', 'switch', 'radio']);
/**
 * The link a bare click on an item of this list goes to, when each item is one link and the text it shows (its only
 * field) is that link's own: a menu row `li > a`, a link group. A script clicks such an item as it is
 * (`.find("Tech").click()`, page-bridge.ts), and the prompt shows it as `of links`. Undefined for any other list:
 * there a click on an item is a click on the item.
 */
export function itemLink(entry: ListEntry): ListSlot | undefined {
  const [action] = entry.actions;
  if (entry.actions.length !== 1 || !action || !entry.fields.length) return undefined;
  // The link's own words, or one text inside it (the link is a field too where some items lack that text: a tab's
  // counter, which "Code" has not).
  if (entry.fields.length > 1 && !entry.fields.includes(action)) return undefined;
  const link = entry.slots.find((s) => s.name === action);
  if (link?.kind !== 'link' || link.repeated) return undefined;
  // A text shown beside the link (the row's own text, another link's) is not what the click would open.
  const inside = link.selector === ':scope' ? ':scope > ' : `${link.selector} > `;
  const insideLink = (field: string) => {
    const text = entry.slots.find((s) => s.name === field);
    return text?.kind === 'text' && text.selector.startsWith(inside);
  };
  return entry.fields.every((field) => field === action || insideLink(field)) ? link : undefined;
}

/**
 * The slot holding the one control of each item of a list that was entries while small (its action, or its only
 * slot): what an old entry name of an item reaches (`itemNames`, page-bridge.ts).
 */
export function itemControlSlot(entry: Pick<ListEntry, 'slots' | 'actions'>): ListSlot | undefined {
  const slot = entry.actions.length === 1 ? entry.slots.find((s) => s.name === entry.actions[0]) : entry.slots.length === 1 ? entry.slots[0] : undefined;
  return slot?.repeated ? undefined : slot;
}

/** The field whose values show the items of a list of links (see itemLink), else undefined. */
function linkField(entry: ListEntry): string | undefined {
  if (!itemLink(entry)) return undefined;
  return entry.fields.includes(entry.actions[0]!) ? entry.actions[0] : entry.fields[0];
}

/** The descriptions build.ts gives its link groups, which the rendered `of links…` says already. */
export const LINK_GROUPS = { text: 'links in the text', menu: 'navigation links', anchors: 'links to places on this page' } as const;
const GENERIC_LINK_GROUPS: ReadonlySet<string> = new Set(Object.values(LINK_GROUPS));

/** A list's description adds nothing when its name was made from it (the name keeps its first words). */
function describedByName(entry: ListEntry): boolean {
  const own = entry.name.slice(entry.name.indexOf('__') + 2).replace(/_\d+$/, '');
  const base = slug(withoutCounts(entry.description), 100);
  return !!base && (base === own || base.startsWith(`${own}_`));
}

export function renderList(entry: ListEntry): string {
  // A list that draws only the items in view says how many there are (virtual.ts).
  const of = entry.total !== undefined ? ` of ${entry.total} shown` : entry.more ? ' of more shown' : '';
  const parts = [`$${entry.name}`, `list(${entry.count}${of})`];
  const described = !!entry.description && !GENERIC_LINK_GROUPS.has(entry.description) && !describedByName(entry);
  const field = linkField(entry);
  if (field) {
    // A menu, a text's links, a page's anchors: the link texts are the samples, found with `.find(text)`.
    parts.push(entry.description === LINK_GROUPS.anchors ? `of ${LINK_GROUPS.anchors}` : 'of links');
    if (described) parts.push(quote(entry.description));
    if (entry.countSaid) parts.push(`page says ${quote(entry.countSaid)}`);
    // Item i's text in place i, an empty one as "": left out, the next link looked like item i (`[0]` an image link).
    const texts = entry.samples.slice(0, LINK_SAMPLES).map((s) => s[field] ?? '');
    if (texts.some(Boolean)) parts.push(`e.g. ${texts.map((t) => quote(t, 30)).join(', ')}${entry.count > texts.length ? ' …' : ''}`);
    return [...parts, ...marks(entry)].join(' ');
  }
  if (described) parts.push(quote(entry.description));
  if (entry.countSaid) parts.push(`page says ${quote(entry.countSaid)}`);
  // A field that gives machines its value (a date shown as "Aug 3") says what `.value()` reads: the first item's.
  const machine = entry.machineValues ?? {};
  if (entry.fields.length) parts.push(`fields: ${entry.fields.map((f) => (machine[f] ? `${f} (.value() ${quote(machine[f], 40)})` : f)).join(', ')}`);
  if (entry.sortedBy) parts.push(`sorted by ${entry.sortedBy.field} ${entry.sortedBy.order}`);
  if (entry.actions.length) {
    const kinds = new Map(entry.slots.map((s) => [s.name, s.kind]));
    parts.push(`actions: ${entry.actions.map((a) => `${a}(${kinds.get(a) ?? 'button'})`).join(', ')}`);
  }
  // Item i's sample in place i: an empty one before others stays, as `{}` (only empty ones at the end are left out).
  let sampled = entry.samples.length;
  while (sampled > 0 && !Object.keys(entry.samples[sampled - 1]!).length) sampled--;
  const samples = entry.samples.slice(0, sampled);
  if (samples.length) {
    // A box's state is our word, shown bare (`done: true`, `false`, `mixed`: as `.value()` gives it); page text is
    // always quoted.
    const kinds = new Map(entry.slots.map((s) => [s.name, s.kind]));
    const value = (k: string, v: string) => ((TOGGLES.has(kinds.get(k) ?? '') || kinds.get(k) === 'button') && (v === 'true' || v === 'false' || v === 'mixed') && !entry.fields.includes(k) ? v : quote(v, 40));
    parts.push(`e.g. ${samples.map((s) => `{${Object.entries(s).map(([k, v]) => `${k}: ${value(k, v)}`).join(', ')}}`).join(' ')}`);
  }
  return [...parts, ...marks(entry)].join(' ');
}

/** The items the page marks, by mark: `current: [6] "7"`, `pressed: [0] "Open", [3] "Draft"` (item-marks.ts). */
function marks(entry: ListEntry): string[] {
  const byMark = new Map<string, string[]>();
  for (const { index, mark, text } of entry.marked ?? []) {
    const said = `[${index}]${text ? ` ${quote(text, 30)}` : ''}`;
    const list = byMark.get(mark);
    if (list) list.push(said); else byMark.set(mark, [said]);
  }
  const more = entry.markedMore ? ` +${entry.markedMore} more` : '';
  return [...byMark].map(([mark, items], i, all) => `${mark}: ${items.join(', ')}${i === all.length - 1 ? more : ''}`);
}

export const renderEntry = (entry: Entry): string => (isList(entry) ? renderList(entry) : renderElement(entry));

/**
 * `# name (kind "title")`; a heading's kind, a kind the name already says (`# header`, `# search_form`) and a title
 * the name already spells are left out.
 */
export function renderSectionHeader(section: Section): string {
  const titled = !!section.title && !slug(withoutCounts(section.title), 12).startsWith(section.name);
  const kindInName = section.name === section.kind || section.name.endsWith(`_${section.kind}`);
  const kind = section.kind === 'heading' || kindInName ? '' : section.kind;
  const inner = [kind, titled ? quote(section.title, 60) : '', section.says ? `says ${quote(section.says, 200)}` : ''].filter(Boolean).join(' ');
  return `# ${section.name}${inner ? ` (${inner})` : ''}`;
}

const PAGE_ADDRESS_CHARS = 100;

/**
 * Where the page is, in few tokens: host, path, query and fragment (a hash route) without the scheme or `www.` (a
 * script only navigates on this site). Like a link target it is one %-encoded token, so the address cannot write a
 * name, a quote, a space or a new line; cut after encoding, never inside an escape.
 */
export function pageAddress(url: string): string {
  let address = url;
  try {
    const parsed = new URL(url);
    if (/^https?:$/.test(parsed.protocol)) address = `${parsed.host.replace(/^www\./, '')}${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    // not a URL: encoded as it is
  }
  const encoded = plainTarget(address);
  if (encoded.length <= PAGE_ADDRESS_CHARS) return encoded;
  return `${encoded.slice(0, PAGE_ADDRESS_CHARS - 1).replace(/%[0-9A-F]?$/, '')}…`;
}

/**
 * The page line, then the document's notes (what could not be read or used: build.ts), one `note:` line each. Notes are
 * our words; what page text they hold (a frame's origin) is quoted there.
 */
export function renderHeader(doc: PageDocument): string {
  const page = `page ${quote(doc.title, 120)} ${pageAddress(doc.url)}`;
  return doc.notes?.length ? [page, ...doc.notes.map((note) => `note: ${note.replace(/[\r\n]+/g, ' ')}`)].join('\n') : page;
}

export function truncationMarker(doc: PageDocument): string | undefined {
  if (!doc.truncated) return undefined;
  const why = doc.truncation?.reason === 'time' ? 'time budget' : doc.truncation?.reason === 'entries' ? 'entry budget' : 'node budget';
  // Past the node budget the walk still lists controls (walk.ts: lateElements), not the page text around them.
  const later = doc.truncation?.reason === 'nodes' ? 'later parts show only their controls' : 'later parts are not described';
  return `… truncated: the page is larger than the ${why} (${doc.truncation?.visitedNodes ?? doc.stats.nodes} elements read); ${later}`;
}

function sectionBlock(section: Section): string {
  // A field's error is said on the field (`invalid="…"`); the message showing it (Chakra's, Ant Design's feedback) names
  // that field instead of saying it again (explorer, session 42: every error twice).
  const errors = new Map<string, string>();
  for (const e of section.entries) if (!isList(e) && e.state?.error && !errors.has(e.state.error.slice(0, ERROR_CHARS))) errors.set(e.state.error.slice(0, ERROR_CHARS), e.name);
  const fieldOf = (e: Entry) => (errors.size && !isList(e) && e.kind === 'message' && e.description ? errors.get(e.description.slice(0, ERROR_CHARS)) : undefined);
  return [renderSectionHeader(section), ...section.entries.map((e) => {
    const field = fieldOf(e);
    return field ? `$${e.name} message (says $${field}'s error)` : renderEntry(e);
  })].join('\n');
}
/** Characters of a field's error and of a message compared to tell the message says that error. */
const ERROR_CHARS = 100;

/** The whole document as text. */
export function renderDocument(doc: PageDocument): string {
  const lines = [renderHeader(doc), ...doc.sections.map(sectionBlock)];
  const marker = truncationMarker(doc);
  if (marker) lines.push(marker);
  return lines.join('\n');
}

const STOP = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'in', 'on', 'for', 'with', 'my', 'me', 'i', 'is', 'it', 'this', 'that', 'at', 'by', 'from', 'as', 'be', 'then', 'all', 'please', 'page']);

export function terms(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().normalize('NFKD').split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || STOP.has(word)) continue;
    out.add(word.length > 4 ? word.replace(/(ing|ed|es|s)$/, '') : word);
  }
  return out;
}

/** How much a section has to do with a task: task words found in its names, title, labels, options and samples. */
export function relevance(section: Section, task: Set<string>): number {
  if (!task.size) return 0;
  const own = terms(`${section.name} ${section.title}`);
  const body = terms(sectionBlock(section));
  let score = 0;
  for (const term of task) {
    if (own.has(term)) score += 2;
    else if (body.has(term)) score += 1;
  }
  return score + (section.kind === 'dialog' ? 0.5 : 0);
}

export interface PromptOptions {
  task?: string;
  maxTokens?: number;
  countTokens?: CountTokens;
}
export interface Prompt {
  text: string;
  tokens: number;
  /** Sections left out for the budget, in document order. */
  omitted: string[];
}

/**
 * The document within a token budget: sections ranked by relevance to the task (document order breaks ties) are
 * kept while they fit; the rest are named in a visible marker line. Without a budget, the whole document.
 */
export function renderPrompt(doc: PageDocument, options: PromptOptions = {}): Prompt {
  const count = options.countTokens ?? estimateTokens;
  const full = renderDocument(doc);
  const max = options.maxTokens;
  if (max === undefined) return { text: full, tokens: count(full), omitted: [] };
  const fullTokens = count(full);
  if (fullTokens <= max) return { text: full, tokens: fullTokens, omitted: [] };

  const task = terms(options.task ?? '');
  const blocks = doc.sections.map((section, index) => ({ section, index, text: sectionBlock(section), score: relevance(section, task) }));
  const ranked = [...blocks].sort((a, b) => b.score - a.score || a.index - b.index);
  const header = renderHeader(doc);
  const marker = truncationMarker(doc);
  // Room for the header, the marker and the line naming what was left out (its names cut to fit, see below).
  const reserve = count(`${header}\n${marker ?? ''}\n${omittedLine(doc.sections.map((s) => s.name).slice(0, 8), doc.sections.length)}`);
  let used = reserve;
  const kept = new Map<number, string>();
  for (const block of ranked) {
    const tokens = count(block.text) + 1;
    if (used + tokens <= max) {
      kept.set(block.index, block.text);
      used += tokens;
    } else if (kept.size === 0 && block.score > 0) {
      // The most relevant section alone is too big: keep its first entries.
      const lines = [renderSectionHeader(block.section)];
      let spent = count(lines[0]!) + 1;
      let shown = 0;
      for (const entry of block.section.entries) {
        const line = renderEntry(entry);
        const cost = count(line) + 1;
        if (used + spent + cost > max - 12) break;
        lines.push(line);
        spent += cost;
        shown++;
      }
      lines.push(`… ${block.section.entries.length - shown} more entries in ${block.section.name} left out for the budget`);
      kept.set(block.index, lines.join('\n'));
      used += spent + 12;
    }
  }
  const omitted = blocks.filter((b) => !kept.has(b.index)).map((b) => b.section.name);
  const lines = [header, ...blocks.filter((b) => kept.has(b.index)).map((b) => kept.get(b.index)!)];
  if (marker) lines.push(marker);
  if (omitted.length) {
    // As many of the left-out names as the budget still holds (a page of 200 sections must not overrun it here).
    const room = max - count(lines.join('\n')) - 1;
    let shown = omitted;
    while (shown.length && count(omittedLine(shown, omitted.length)) > room) shown = shown.slice(0, Math.floor(shown.length / 2));
    lines.push(omittedLine(shown, omitted.length));
  }
  const text = lines.join('\n');
  return { text, tokens: count(text), omitted };
}

function omittedLine(names: readonly string[], total: number): string {
  return `… ${total} sections left out for the budget${names.length ? `: ${names.join(', ')}${names.length < total ? ', …' : ''}` : ''}`;
}
