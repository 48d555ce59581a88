/**
 * The order prior's reading of the task (issue 11): which elements the task mentions by their labels, and in what
 * order, so a script writer fills a form in the order asked. Used by NameConstraint at the start of each top-level
 * statement; names outside `heads(…)` lose the prior's weight there.
 */
import { elementMembersFor } from '../../../extension/protocol/script-api.ts';
import { slug } from '../../../extension/content/document/text.ts';

/** Methods that set an element's state (what makes an element a field). */
export const SETTERS: ReadonlySet<string> = new Set(['type', 'select', 'check', 'uncheck']);

/** Words that say what kind of element a name is rather than which one ("Send" for `send_button`). */
const KIND_WORDS = new Set(['button', 'link', 'input', 'field', 'checkbox', 'select', 'tab', 'toggle', 'switch', 'radio', 'menuitem', 'option']);
/** Names an unlabelled element gets from its kind alone (`form__text_input`): no label the task could mention. */
const KIND_NAMES = new Set(['text_input', 'text_area', 'select', 'checkbox', 'radio', 'switch', 'slider', 'combobox', 'button', 'link', 'tab',
  'menuitem', 'option', 'editable', 'clickable']);

export class TaskOrder {
  /** Where the task first mentions each name by its own label (word index). */
  private readonly mentions: ReadonlyMap<string, number>;
  /** The fields among them, in the order the task mentions them. */
  private readonly fields: readonly string[];
  /** The task names a tab ("Switch to Sound"): the tab to open is that one, not another. */
  private readonly tabMentioned: boolean;
  /** Sections (a name up to its last `__`) with a button, and the fields in them one types into. */
  private readonly typedSections = new Map<string, readonly string[]>();
  /** Per next field and waiting sections: prefixes of the names a top-level statement may start with. */
  private readonly cache = new Map<string, ReadonlySet<string>>();

  constructor(private readonly names: ReadonlySet<string>, private readonly kinds: ReadonlyMap<string, string>, task: string) {
    this.mentions = mentionsOf(names, task);
    this.fields = [...this.mentions.keys()].filter((name) => this.settable(name));
    this.tabMentioned = [...this.mentions.keys()].some((name) => kinds.get(name) === 'tab');
    const typed = new Map<string, string[]>();
    for (const name of names) {
      if (elementMembersFor(kinds.get(name) ?? 'unknown').includes('type')) typed.set(sectionOf(name), [...typed.get(sectionOf(name)) ?? [], name]);
    }
    for (const name of names) {
      const fields = typed.get(sectionOf(name));
      if (kinds.get(name) === 'button' && fields) this.typedSections.set(sectionOf(name), fields);
    }
  }

  /**
   * Prefixes of the names that may head the next top-level statement, given the names written so far (undefined: the
   * task says nothing about order): the next field the task mentions, names it mentions before that field, and
   * elements it does not mention that are no fields (a tab to open first). A field the task does not mention is not
   * set where it mentions others (the query of "Search for Ito" is mentioned by no label); a button it mentions after
   * the next field waits, and so does a button in a section with a field to type into that nothing has been typed
   * into yet ("Search for Ito": the query is typed before the search button is pressed). Where the task names a tab,
   * the other tabs are not opened.
   */
  heads(used: ReadonlySet<string>): ReadonlySet<string> | undefined {
    // `used`: the names top-level statements have started with so far.
    const waiting = [...this.typedSections].filter(([, fields]) => !fields.some((name) => used.has(name))).map(([section]) => section);
    if (!this.fields.length && !waiting.length && !this.tabMentioned) return undefined;
    const field = this.nextField(used);
    const key = JSON.stringify([field ?? null, waiting]);
    let prefixes = this.cache.get(key);
    if (!prefixes) {
      const at = field === undefined ? Infinity : this.mentions.get(field)!;
      const open = new Set<string>();
      for (const name of this.names) {
        const mentioned = this.mentions.get(name);
        const fits = (mentioned === undefined ? !this.settable(name) || !this.fields.length : mentioned <= at)
          && !(this.kinds.get(name) === 'button' && waiting.includes(sectionOf(name)))
          && !(mentioned === undefined && this.tabMentioned && this.kinds.get(name) === 'tab');
        if (fits) for (let i = 0; i <= name.length; i++) open.add(name.slice(0, i));
      }
      this.cache.set(key, prefixes = open);
    }
    return prefixes;
  }

  /** The first unwritten field the task mentions after the last one written (a skipped one comes back at the end). */
  private nextField(used: ReadonlySet<string>): string | undefined {
    let last = -1;
    for (const name of this.fields) if (used.has(name)) last = this.mentions.get(name)!;
    const open = this.fields.filter((name) => !used.has(name));
    return open.find((name) => this.mentions.get(name)! > last) ?? open[0];
  }

  private settable(name: string): boolean {
    return elementMembersFor(this.kinds.get(name) ?? 'unknown').some((member) => SETTERS.has(member));
  }
}

/** The task's words in the form names are built from (text.ts slug: lowercase, accents dropped). */
export function taskWords(task: string): string[] {
  return slug(task, Infinity).split('_').filter(Boolean);
}

function sectionOf(name: string): string {
  return name.slice(0, Math.max(0, name.lastIndexOf('__')));
}

/**
 * Where the task mentions names by their own label (the part after the last `__`, a trailing kind word dropped): word
 * index, in the order mentioned. Longer labels claim their words first, so "Email address" is `email_address`'s, not
 * `email`'s; a label the task mentions twice counts where it first appears; names sharing a label (a login and a
 * sign-up email) share its mention. A suffix that tells duplicates apart (`email_2`) is not part of the label.
 */
export function mentionsOf(names: Iterable<string>, task: string): Map<string, number> {
  const words = taskWords(task);
  const claimed = new Array<boolean>(words.length).fill(false);
  const byLabel = new Map<string, string[]>();
  for (const name of names) {
    const own = (name.lastIndexOf('__') < 0 ? name : name.slice(name.lastIndexOf('__') + 2)).toLowerCase().replace(/_\d+$/, '');
    if (KIND_NAMES.has(own)) continue;
    const label = own.split('_').filter(Boolean);
    if (label.length > 1 && KIND_WORDS.has(label[label.length - 1]!)) label.pop();
    if (!label.length || (label.length === 1 && KIND_WORDS.has(label[0]!))) continue;
    byLabel.set(label.join(' '), [...byLabel.get(label.join(' ')) ?? [], name]);
  }
  const labels = [...byLabel].map(([key, named]) => ({ label: key.split(' '), named }))
    .sort((a, b) => b.label.length - a.label.length || (a.label.join(' ') < b.label.join(' ') ? -1 : 1));
  const at = new Map<string, number>();
  for (const { label, named } of labels) {
    for (let i = 0; i + label.length <= words.length; i++) {
      if (!label.every((word, j) => words[i + j] === word && !claimed[i + j])) continue;
      for (const name of named) at.set(name, i);
      for (let j = 0; j < label.length; j++) claimed[i + j] = true;
      break;
    }
  }
  return new Map([...at].sort((a, b) => a[1] - b[1]));
}
