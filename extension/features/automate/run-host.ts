/**
 * Automation runs in the model host (offscreen document), one per tab, so a run keeps going when the side panel
 * closes. The host does what the panel used to: asks the model, runs the script in its own sandbox iframe, acts on
 * the tab through the background (`page.act`), and keeps the run's state — answer, log, said lines, the pending
 * confirmation or question, the report — for whichever panel asks (`automate.state`). Confirmations and answers
 * come back with `automate.respond`; `automate.stop` aborts. Everything it touches is injected (unit-tested).
 */
import { AbortError, ModelNotFoundError, NavigationError, PocketError, ScriptSyntaxError, serializeError, ValidationError } from '../../protocol/errors.ts';
import type { ActReply, ActRequest, GenerateRequestPayload, GenerateResult, ListEntry, ListSlot, Locator, PageDocument } from '../../protocol/schemas.ts';
import type { SandboxRun, SandboxRunOptions } from '../../sandbox/host.ts';
import type { ScriptName } from '../../sandbox/capabilities/bridge.ts';
import type { LogEntry, RunResult } from '../../sandbox/interpreter/run.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';
import { type Entry, listScriptName, originOf, PageBridge } from './page-bridge.ts';
import type { ChatMessage } from './prompt.ts';
import { type ModelReply, type RunReport, runTask, type RunnerDeps } from './runner.ts';
import { constraintFor, isScriptWriter, SCRIPT_WRITER_MAX_TOKENS, scriptWriterAnswer, scriptWriterCall } from './scriptwriter.ts';
import { MAX_LOG, MAX_SAID, MAX_SAVED_ELEMENTS, type AutomateStart, type RunState, type SavedElement, type SavedList } from './run-state.ts';
import { pathPattern } from './site-document.ts';
import { elementsToSave, listsToSave, namesUsed, replayableScript } from './replayable.ts';
import { listFoundAgain, rememberedElement } from './remembered-element.ts';
import { commentHolesDropped, fillParams, literalText, paramsOf } from './params.ts';
import { mapStringsDeep } from './map-strings.ts';
import { withSecretHoles } from './secret-holes.ts';
import { asksForSecret, isSecretParam } from './secret-param.ts';
import { type RunSecret, savedSecretTargets, secretGuard } from './secret-guard.ts';
import { unrelatedScript } from './unrelated.ts';
import type { ModelAnswer } from './parse.ts';
import { runStepwise } from './stepwise.ts';

export interface RunHostDeps {
  generate(request: GenerateRequestPayload, signal: AbortSignal): Promise<GenerateResult>;
  model(id: string): Promise<CatalogueEntry | undefined>;
  readDocument(tabId: number): Promise<PageDocument>;
  act(tabId: number, request: ActRequest): Promise<ActReply>;
  highlight(tabId: number, locators: Locator[]): Promise<unknown>;
  sandbox(): Promise<{ run(request: SandboxRun, options: SandboxRunOptions): Promise<RunResult> }>;
  otherPageNames?(doc: PageDocument): Promise<ScriptName[]>;
  route?(name: string, from: PageDocument): Promise<string[] | null>;
  onNavigated?(from: PageDocument, element: string, to: PageDocument): void;
  /** Where each tab's last run is kept as it progresses, so a host that went away still shows what it had. */
  store?: RunStore;
}

export interface RunStore {
  load(tabId: number): Promise<RunState | null>;
  save(state: RunState): Promise<void>;
  remove?(tabId: number): Promise<void>;
}

/** How often a going run's state is written to the store (when it changed). */
const SAVE_EVERY_MS = 300;
/** A page silent this long while the run waits for it is shown as such (the run's state carries since when). */
export const PAGE_WAIT_NOTICE_MS = 3_000;

/** A stored run found "running" that this host is not running: the host stopped (browser closed, crash, restart). */
export function interrupted(state: RunState): RunState {
  return {
    ...state, status: 'error', phase: 'finished', finishedAt: state.finishedAt ?? Date.now(),
    confirm: null, question: null, step: null, current: null,
    error: { name: 'ModelHostError', message: 'The model host stopped before this run finished (the browser closed or the host restarted); this is what it had done.' },
  };
}

/** A chat as one plain prompt, for engines without a chat template. */
export function flatten(messages: ChatMessage[]): string {
  return `${messages.map((m) => (m.role === 'system' ? m.content : `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`)).join('\n\n')}\n\nAssistant:`;
}

interface Live {
  state: RunState;
  abort: AbortController;
  confirm?: (ok: boolean) => void;
  answer?: (text: string) => void;
  step?: () => void;
  /** Writes the state now (set while a store is kept): a run that starts waiting for the user is saved at once. */
  save?: () => void;
  nextId: number;
  /** Settles when the run has ended. */
  finished?: Promise<void>;
  /** The state's last write, while one is going. */
  saving?: Promise<void>;
  /** Its tab closed: nothing more is written for it. */
  forgotten?: boolean;
  /** A replay's {{param}} values put back to their holes, in everything shown or stored (set once the run starts). */
  redact?: <T>(value: T) => T;
}

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
const cutAnswer = (a: ModelAnswer): ModelAnswer => ({ plan: cut(a.plan, 2000), elements: a.elements.slice(0, 40), script: cut(a.script, 20_000) });

export type RespondPayload =
  | { confirm: { id: number; ok: boolean } }
  | { answer: { id: number; text: string } }
  | { step: { id: number; then: 'next' | 'continue' } };

/** A pending confirmation, question or step ends as a refusal (the run stopped, or its attempt ended). */
function refuseWaits(live: Live): void {
  live.confirm?.(false);
  live.answer?.('');
  live.step?.();
  live.confirm = undefined;
  live.answer = undefined;
  live.step = undefined;
  live.state.confirm = null;
  live.state.question = null;
  live.state.step = null;
}

/**
 * A replay's values by hole name; `secret` ones (a password's) are put back wherever they turn up (hiddenSecrets). A
 * secret answer to ask() has no hole: its name is '' and it reads as the log's mask (holeOf).
 */
type Secrets = ReadonlyArray<readonly [name: string, value: string, secret: boolean]>;

/** What stands for a value in the run's text: its `{{hole}}`, or the mask for a secret that has no hole. */
const holeOf = (name: string) => (name ? `{{${name}}}` : MASKED_TYPING);
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const wholeWord = (value: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu');
/** Quoted page text or data in a message: "…", “…”, `…`. */
const QUOTED = /("[^"\n]*"|“[^”\n]*”|`[^`\n]*`)/;
/** A script's string literals ("…", '…', `…`, escapes kept): where a value stands in a script, not its `$names`. */
const LITERAL = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)/;
/** A value that reads like a word of a sentence ("the", "page", "Emma"), not like a code, an address or a password. */
const plainWord = (value: string) => /^\p{L}{1,7}$/u.test(value);

type Where = 'data' | 'prose' | 'script' | 'target';

/**
 * Each value becomes its `{{name}}` hole; holes already there are left alone (a value may be part of its own name).
 * Secrets go wherever they turn up (hiddenSecrets), but a `script` keeps its `$names` as written: a name hidden would
 * leave a script that no longer parses (review, session 24). Other values: as whole words; in a `script` or a `target`
 * only inside its string literals (`$books` stays a name); in `prose` (messages, plans) a plain word only inside
 * quotes, so a value "the" or "page" leaves "Not found on the page" as it is, while "hunter22" goes anywhere.
 */
function redactSecrets(text: string, secrets: Secrets, where: Where = 'data'): string {
  if (!secrets.length) return text;
  const plain = (part: string, inQuotes: boolean) => secrets.reduce((t, [name, value, secret]) =>
    secret || (!inQuotes && where === 'prose' && plainWord(value)) ? t : t.replace(wholeWord(value), () => holeOf(name)), part);
  return text.split(/(\{\{[A-Za-z_][A-Za-z0-9_]*\}\})/).map((part, i) => {
    if (i % 2 === 1) return part;
    // Secrets also as the page may have reformatted them (a confirmation's label, an error that quotes a field).
    const hidden = where === 'script'
      ? part.split(SCRIPT_NAME).map((piece, j) => (j % 2 === 1 ? piece : hiddenSecrets(piece, secrets))).join('')
      : hiddenSecrets(part, secrets);
    if (where === 'data') return plain(hidden, true);
    return hidden.split(where === 'prose' ? QUOTED : LITERAL).map((piece, j) => (j % 2 === 1 ? plain(piece, true) : where === 'prose' ? plain(piece, false) : piece)).join('');
  }).join('');
}

/** What a page puts between the characters of a value it formats (a card's spaces, a key's dashes), and a name's `_`. */
const FORMAT_SEPARATORS = '[\\s\\-._/()]';
/**
 * Between a secret's letters and digits as a page, an address or a name may write them: up to six signs or spaces, an
 * ASCII sign %-encoded. No letter or digit, so each character of a text is read one way only: the optional signs
 * that stood here backtracked exponentially (review, session 24).
 */
const BETWEEN = '(?:[^\\p{L}\\p{N}%]|%[0-7][0-9A-F]|%(?![0-9A-F]{2})){0,6}';
/** A secret with this many letters and digits is also found as the page formats it, in any case. */
const FORMATTED_MIN = 6;
/** A document cuts a long value ("…"): its first this many letters and digits are enough. */
const CUT_MIN = 8;
/** A name's slug stops at this many characters (content/document/text.ts), with no "…". */
const SLUG_MAX = 40;
/** The fewest words slug() keeps of a control's label (text.ts callers pass 3 or 4). */
const SLUG_WORDS = 3;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A value's UTF-8 bytes as %XX ("&" is "%26"), as encodeURIComponent and a form write a sign or a non-ASCII letter. */
const percentEncoded = (c: string) => Array.from(new TextEncoder().encode(c), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
/** A value as a name writes it: small letters and digits, `_` for what is between. */
const slugOf = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('_');

/**
 * A secret as text built from the page may hold it: the page document shows what a field that is not marked
 * sensitive holds (`[value="…"]`), in list samples and names too, JSON-escaped, maybe reformatted ("ABCD 1234 …",
 * capitals, `abcd_1234` in a name, %-encoded in an address) or cut ("abcd1234efgh…"): its letters and digits in order.
 * Null for a secret with too few letters and digits to be found so loosely.
 */
function formattedSecret(value: string): RegExp | null {
  if (formattedCache.has(value)) return formattedCache.get(value)!;
  if (formattedCache.size > 64) formattedCache.clear();
  const pattern = formattedPattern(value);
  formattedCache.set(value, pattern);
  return pattern;
}
/** A run's state is redacted string by string, every time it is shown or saved: each secret's pattern is made once. */
const formattedCache = new Map<string, RegExp | null>();

function formattedPattern(value: string): RegExp | null {
  const chars = [...value].filter((c) => LETTER_OR_DIGIT.test(c));
  if (chars.length < FORMATTED_MIN) return null;
  const one = (c: string) => (/[A-Za-z0-9]/.test(c) ? c : `(?:${escapeRegExp(c)}|${percentEncoded(c)})`);
  const head = Math.min(CUT_MIN, chars.length);
  // Nested from the end; the empty group matches only when the whole value did.
  let tail = '()';
  for (let i = chars.length - 1; i >= head; i--) tail = `(?:${BETWEEN}${one(chars[i]!)}${tail})?`;
  return new RegExp(chars.slice(0, head).map(one).join(BETWEEN) + tail, 'giu');
}

/**
 * Whether a name (a slug) holds the secret: all its letters and digits, or its head up to where the slug was cut (the
 * rest would not have fit in SLUG_MAX characters). The first letters alone are not enough: "Password1!" is not in
 * `$login__password`, nor "Checkout#1" in `$page__checkout_button` (review, session 24).
 */
function nameHolds(name: string, loose: RegExp, value: string): boolean {
  for (const match of name.matchAll(loose)) {
    if (match[1] !== undefined) return true;
    const end = match.index + match[0].length;
    if (end < name.length && name[end] !== '_') continue;
    const rest = value.slice(indexAfter(value, [...match[0]].filter((c) => LETTER_OR_DIGIT.test(c)).length));
    // The slug that was cut begins after the name's section (`page__`), or at its start.
    const section = name.lastIndexOf('__', match.index);
    const from = section >= 0 ? section + 2 : name.startsWith('$') ? 1 : 0;
    // Cut inside a word: only a slug of one word is (text.ts); between words: the next word did not fit, or the slug
    // had its words (slug() keeps 3 or 4: "Please use Tr0ub4dor&3!x" is `please_use_tr0ub4dor_3`) (review, session 24).
    if (LETTER_OR_DIGIT.test(rest[0]!) ? end - from >= SLUG_MAX - 1 && !name.slice(from, end).includes('_')
      : end - from + 1 + slugOf(rest).split('_')[0]!.length > SLUG_MAX || name.slice(from, end).split('_').filter(Boolean).length >= SLUG_WORDS) return true;
  }
  return false;
}
/** Where the `count`-th letter or digit of `value` ends. */
function indexAfter(value: string, count: number): number {
  let at = 0;
  for (const c of value) {
    if (count === 0) break;
    if (LETTER_OR_DIGIT.test(c)) count--;
    at += c.length;
  }
  return at;
}

/**
 * A secret that may be a word or a number of the page's own ("blue", "2025", "123456", "London"), or too short to be
 * told from part of one: found only as a whole word or number, in any case, never inside a longer one ("Bluetooth",
 * "2025-01-04", "12025"); a name holds it as one of its `_` parts.
 */
const weakSecret = (value: string) => [...value].filter((c) => !new RegExp(`^${FORMAT_SEPARATORS}$`, 'u').test(c)).length < FORMATTED_MIN
  || /^\p{L}{1,8}$/u.test(value) || /^\p{N}{1,8}$/u.test(value);

/** A weak secret's forms as a whole word or number: a number joined to digits ("2025-01-04", "4,2025") is a longer one. */
function wholeSecret(forms: readonly string[], value: string): RegExp {
  const joined = /^\p{N}+$/u.test(value) ? ['\\p{N}[-./:,]', '[-./:,]\\p{N}'] : ["\\p{L}[-'’]", "[-'’]\\p{L}"];
  const before = LETTER_OR_DIGIT.test([...value][0]!) ? `(?<![\\p{L}\\p{M}\\p{N}_]|${joined[0]})` : '';
  const after = LETTER_OR_DIGIT.test([...value].at(-1)!) ? `(?![\\p{L}\\p{M}\\p{N}_]|${joined[1]})` : '';
  // In any case: "dragons" is in "DRAGONS" (review, session 24).
  return new RegExp(`${before}(?:${forms.map(escapeRegExp).join('|')})${after}`, 'giu');
}

/** The forms a secret is written in exactly: as typed, JSON-escaped, as a filled script's literal, in an address. */
function exactForms(value: string): string[] {
  const forms = [value, inJson(value), literalText(value), inJson(literalText(value))];
  try {
    const component = encodeURIComponent(value);
    forms.push(component, component.replace(/%20/g, '+'), new URLSearchParams({ q: value }).toString().slice(2), encodeURI(value));
  } catch {
    // A lone surrogate: no address holds it encoded.
  }
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * A `$name` in a prompt (the page document's, a script's, the log's): names are slugs of page text. After a JSON
 * escape too: the repair prompt shows the previous answer as JSON ("…;\n$page__use_…") (review, session 24).
 */
const SCRIPT_NAME = /((?:(?<![\p{L}\p{M}\p{N}_$])|(?<=\\[nrt]))\$[\p{L}_][\p{L}\p{M}\p{N}_]*)/u;
/** A `$name`, or a name in a page document's JSON (`"name":"login__use_…_button"`, given to onNavigated). */
const NAME = /((?:(?<![\p{L}\p{M}\p{N}_$])|(?<=\\[nrt]))\$[\p{L}_][\p{L}\p{M}\p{N}_]*|(?<="name":"|\\"name\\":\\")[\p{L}\p{M}\p{N}_]+(?=\\?"))/u;
/**
 * Stands for a whole `$name` that held a secret: a mask or a hole inside a name would make it no name, and this is
 * none either, so a prompt's reader cannot act on a wrong element; a name in a document's JSON becomes the mask alone.
 */
const HIDDEN_NAME = '$•••';

/**
 * A prompt with every secret hidden: a secret parameter's value becomes its `{{hole}}` (a repair may write the hole,
 * which the run fills), a secret answer to ask() the log's mask, a name that holds either `$•••`. Exact forms first
 * (as typed, JSON-escaped, as a filled script's literal, %-encoded), then as the page may show it; a weak secret
 * (weakSecret) only as a whole word or number.
 */
const PLACED = '\uffff';
const NAME_PLACED = '\ufffe';
const BARE_NAME_PLACED = '\ufdd0';
export function hiddenSecrets(text: string, secrets: Secrets): string {
  return secrets.reduce((t, [name, value, secret]) => {
    if (!secret) return t;
    const hole = holeOf(name);
    const exact = exactForms(value);
    const weak = weakSecret(value);
    const whole = weak ? wholeSecret(exact, value) : null;
    const loose = weak ? null : formattedSecret(value);
    const slug = weak ? `_${slugOf(value)}_` : '';
    const holds = (piece: string) => (weak
      ? slug !== '__' && `_${piece.replace(/^\$/, '').split('_').filter(Boolean).join('_')}_`.toLowerCase().includes(slug)
      : exact.some((form) => piece.includes(form)) || (loose !== null && nameHolds(piece, loose, value)));
    // Holes already there are left alone (a value may be part of its own name: "password" for {{password}}).
    return t.split(/(\{\{[A-Za-z_][A-Za-z0-9_]*\}\})/).map((part, i) => {
      if (i % 2 === 1) return part;
      const outsideNames = (u: string, hide: (piece: string) => string) => u.split(NAME).map((piece, j) => (j % 2 === 1 ? piece : hide(piece))).join('');
      const named = part.split(NAME).map((piece, j) => (j % 2 === 0 || !holds(piece) ? piece : piece.startsWith('$') ? NAME_PLACED : BARE_NAME_PLACED)).join('');
      let found: string;
      if (whole) found = outsideNames(named, (piece) => piece.replace(whole, PLACED));
      else {
        // Marked first, so that the loose pattern cannot find the value again in the hole put for it.
        const plain = outsideNames(named, (piece) => exact.reduce((u, form) => u.split(form).join(PLACED), piece));
        found = loose ? outsideNames(plain, (piece) => piece.replace(loose, (match: string, full: string | undefined, at: number, all: string) =>
          (full !== undefined || all.startsWith('…', at + match.length) ? PLACED : match))) : plain;
      }
      return found.split(PLACED).join(hole).split(NAME_PLACED).join(HIDDEN_NAME).split(BARE_NAME_PLACED).join(HIDDEN_NAME.slice(1));
    }).join('');
  }, text);
}

/** Calls the page never sees, whose text the run shows with each secret put back to its hole: others show the mask. */
const SHOWN_CALLS: ReadonlySet<string> = new Set(['say', 'ask', 'done']);

/**
 * A page document with no name that holds a secret: an element or list whose name does is dropped, and so is a list's
 * field, action, slot or sample key (an item's old name becomes ''), a section or a tab's view. A mask inside a name
 * would make it one no script can use and no later page has, and the whole name masked would be one for every such
 * element: the site document would offer a name that leads nowhere (session 25). Hiding the text that is left
 * (hiddenSecrets) then leaves every name whole.
 */
function withoutSecretNames(doc: PageDocument, hide: (text: string) => string): PageDocument {
  const holds = (name: string) => hide(`$${name}`) !== `$${name}`;
  const listWithout = (list: ListEntry): ListEntry => ({
    ...list,
    fields: list.fields.filter((name) => !holds(name)),
    actions: list.actions.filter((name) => !holds(name)),
    slots: list.slots.filter((slot) => !holds(slot.name)),
    samples: list.samples.map((sample) => Object.fromEntries(Object.entries(sample).filter(([name]) => !holds(name)))),
    ...(list.itemNames ? { itemNames: list.itemNames.map((name) => (name && holds(name) ? '' : name)) } : {}),
  });
  const sectionsWithout = (sections: PageDocument['sections']) => sections.filter((section) => !holds(section.name)).map((section) => ({
    ...section,
    entries: section.entries.filter((entry) => !holds(entry.name)).map((entry) => (entry.kind === 'list' ? listWithout(entry) : entry)),
  }));
  return {
    ...doc,
    sections: sectionsWithout(doc.sections),
    ...(doc.views ? { views: doc.views.filter((view) => !holds(view.via)).map((view) => ({ ...view, sections: sectionsWithout(view.sections) })) } : {}),
  };
}

/** Whether a call's arguments hold one of the secret values. */
const holdsSecret = (args: unknown, secretValues: readonly string[]) =>
  secretValues.length > 0 && secretValues.some((value) => JSON.stringify(args ?? null).includes(JSON.stringify(value).slice(1, -1)));

/**
 * A call given a secret keeps no result: what the page made of it (a key typed as "ABCD-1234-…") is no longer the
 * string the run's text is redacted by, and would reach the log, a repair's prompt and the step-wise history.
 */
const secretResultBlanked = (entry: LogEntry, secretValues: readonly string[]): LogEntry =>
  (entry.result !== undefined && entry.result !== null && holdsSecret(entry.args, secretValues) ? { ...entry, result: null } : entry);

/** What the log shows of text typed into a sensitive field, or of a secret typed anywhere. */
export const MASKED_TYPING = '•••';

/**
 * A log entry as the run keeps it (its state, the store, a repair's prompt): no result for a call given a secret, and
 * the text of a `type` into a field the page document calls sensitive (a password, a card, a code) or of a secret
 * masked. A password the user wrote in the task is no param: it is masked here when typed into a sensitive field, but
 * the task, the model's answer and its attempts keep it as the user wrote it.
 */
function keptEntry(entry: LogEntry, secretValues: readonly string[], sensitive: (target: string) => boolean): LogEntry {
  const blanked = secretResultBlanked(entry, secretValues);
  const masks = blanked.call === 'type' && blanked.args.length > 0
    && ((blanked.target !== undefined && sensitive(blanked.target)) || holdsSecret(blanked.args, secretValues));
  if (masks) return { ...blanked, args: blanked.args.map(() => MASKED_TYPING) };
  // The user's answer to a question that asks for a secret (the panel took it in a masked field).
  return secretAnswerOf(blanked) !== undefined ? { ...blanked, result: MASKED_TYPING } : blanked;
}

/** The user's answer to an ask() whose question asks for a secret (a password, a code): undefined for any other entry. */
function secretAnswerOf(entry: LogEntry): string | undefined {
  if (entry.call !== 'ask' || typeof entry.args[0] !== 'string' || !asksForSecret(entry.args[0])) return undefined;
  return typeof entry.result === 'string' && entry.result !== '' ? entry.result : undefined;
}

/**
 * The task as the model is told it. A replay's task is the one the script was saved from ("Search books for Dune"): a
 * repair is told this replay's values too, or it would write the saved run's ("Dune") back in.
 */
function taskForModel(request: AutomateStart): string {
  const values = Object.entries(request.known ? request.params ?? {} : {});
  if (!values.length) return request.task;
  // A secret is never put into a prompt: the repair writes its hole, which the run fills (fillRepair).
  const told = values.map(([name, value]) => (isSecretParam(name) ? `${name} = a secret, typed as the whole string "{{${name}}}" (never joined to other text)` : `${name} = ${JSON.stringify(value)}`));
  return `${request.task}\n(This is a replay of a saved script with these values, which replace any in the task above: ${told.join(', ')}.)`;
}

const MAX_REDACT_DEPTH = 64;

/**
 * Every string in `value`, however deep (an error's data, what a script threw, a confirmation's label), with the
 * values put back to their holes, whatever its key: a key named `status` or `action` in a script's result is the
 * script's data. The fields a run is steered by are kept by their place in the run's state (redactRunText).
 */
function redactDeep<T>(value: T, secrets: Secrets): T {
  if (!secrets.length) return value;
  // Deeper than any value a run holds (exported values stop far sooner): dropped, rather than kept unread.
  return mapStringsDeep(value, (text) => redactSecrets(text, secrets), MAX_REDACT_DEPTH, () => '…');
}

/**
 * The run's text with the values put back to their holes (a copy): every string in it, so nothing the run stores or
 * sends (an error's data, a log entry's error, a confirmation, the element acted on) keeps a value; the fields a run
 * is steered by are kept. Messages, plans and scripts by their own rules (redactSecrets); a saved script's lists only
 * lose secrets (their names and selectors are what a replay finds the page by).
 */
function redactRunText(state: RunState, secrets: Secrets): RunState {
  const text = (value: string) => redactSecrets(value, secrets);
  const prose = (value: string) => redactSecrets(value, secrets, 'prose');
  const script = (value: string) => redactSecrets(value, secrets, 'script');
  const target = (value: string) => redactSecrets(value, secrets, 'target');
  const deep = <T>(value: T): T => redactDeep(value, secrets);
  const answer = (a: ModelAnswer) => ({ plan: cut(prose(a.plan), 2000), elements: a.elements.map((e) => cut(text(e), 200)), script: cut(script(a.script), 20_000) });
  // An error's class (`name`) is kept; its data is the page's and the script's, redacted.
  const error = <E extends { name: string; message: string } | undefined | null>(e: E): E => (e ? { ...deep(e), name: e.name, message: cut(prose(e.message), 4000) } : e);
  const onlySecrets = secrets.filter(([, , secret]) => secret);
  // The fields the run is steered by (ids, states, the call, the action, the site) are kept where the run's state has
  // them, and only there.
  return {
    ...deep(state),
    runId: state.runId, model: state.model, mode: state.mode, status: state.status, phase: state.phase,
    ...(state.origin !== undefined ? { origin: state.origin } : {}),
    task: cut(prose(state.task), 4000),
    answer: state.answer && answer(state.answer),
    log: state.log.map((entry) => ({
      ...deep(entry),
      call: entry.call,
      ...(entry.target !== undefined ? { target: target(entry.target) } : {}),
      ...(entry.error ? { error: error(entry.error) } : {}),
    })),
    said: state.said.map((line) => cut(text(line), 4000)),
    current: state.current && target(state.current),
    confirm: state.confirm && {
      ...state.confirm, target: target(state.confirm.target), label: prose(state.confirm.label), reason: prose(state.confirm.reason),
    },
    question: state.question && { ...state.question, text: cut(prose(state.question.text), 4000) },
    step: state.step && { ...state.step, target: target(state.step.target) },
    error: error(state.error),
    report: state.report && {
      ...deep(state.report),
      status: state.report.status,
      summary: cut(prose(state.report.summary), 4000),
      ...(state.report.savedScript !== undefined ? { savedScript: script(state.report.savedScript) } : {}),
      ...(state.report.savedLists !== undefined ? { savedLists: redactDeep(state.report.savedLists, onlySecrets) } : {}),
      ...(state.report.savedElements !== undefined ? { savedElements: redactDeep(state.report.savedElements, onlySecrets) } : {}),
      attempts: state.report.attempts.map((a) => ({
        ...deep(a), raw: cut(text(a.raw), 20_000),
        ...(a.answer ? { answer: answer(a.answer) } : {}),
        ...(a.failure ? { failure: error(a.failure) } : {}),
      })),
    },
  };
}

/**
 * A saved script's list of that name, when `doc` is of the page (path pattern) it was saved on: the page's list its
 * saved locators find (renamed by its heading), else the list as saved (shrunk into entries, its container and item
 * selector still reach its items).
 */
function rememberedList(saved: readonly SavedList[], name: string, doc: PageDocument, taken: (name: string) => boolean = () => false): ListEntry | undefined {
  let pattern: string;
  try {
    pattern = pathPattern(doc.url).pattern;
  } catch {
    return undefined;
  }
  const kept = saved.find((s) => s.list.name === name && s.pattern === pattern)?.list;
  const again = kept && listFoundAgain(kept, doc);
  return kept && (again && !taken(again.name) ? again : kept);
}

/** A saved list's slots as saved, when `doc` is of the page it was saved on. */
function savedSlotsFor(saved: readonly SavedList[]): (name: string, doc: PageDocument) => readonly ListSlot[] | undefined {
  return (name, doc) => {
    try {
      const pattern = pathPattern(doc.url).pattern;
      return saved.find((s) => s.list.name === name && s.pattern === pattern)?.list.slots;
    } catch {
      return undefined;
    }
  };
}

/**
 * What a saved script's `name` is on this page by what was saved of it (`rememberedList`, `rememberedElement`), never
 * an entry the page calls by another name the script uses — that one is the script's already: the step 1 "Continue"
 * of a wizard whose step 2 button shares its id, drawn a moment after the click, or "Best sellers" on a day with no
 * "Today's deals" (review 3) — nor by locators saved for another of its names too (nothing tells the two apart).
 */
function rememberedFor(request: AutomateStart): ((name: string, doc: PageDocument) => Entry | undefined) | undefined {
  if (!request.knownLists && !request.knownElements) return undefined;
  const lists = request.knownLists ?? [];
  const elements = request.knownElements ?? [];
  const uses = new Set([...namesUsed(request.known?.script ?? ''), ...lists.map((s) => s.list.name), ...elements.map((s) => s.element.name)]);
  const locatorsOf = (saved: SavedElement) => JSON.stringify(saved.element.locators);
  const twinned = (name: string) => elements.some((kept) => kept.element.name === name
    && elements.some((other) => other.element.name !== name && other.pattern === kept.pattern && locatorsOf(other) === locatorsOf(kept)));
  return (name, doc) => {
    const taken = (found: string) => found !== name && uses.has(found);
    const list = rememberedList(lists, name, doc, taken);
    if (list) return list;
    const element = twinned(name) ? undefined : rememberedElement(elements, name, doc);
    return element && !taken(element.name) ? element : undefined;
  };
}

/** The list `name` as the latest attempt that reached it saw it. */
function lastUse(bridges: readonly PageBridge[], name: string): ReturnType<PageBridge['listUsed']> {
  for (let i = bridges.length - 1; i >= 0; i--) {
    const used = bridges[i]!.listUsed(name);
    if (used) return used;
  }
  return undefined;
}

/** The element `name` as the latest attempt that reached it saw it. */
function lastElementUse(bridges: readonly PageBridge[], name: string): ReturnType<PageBridge['elementUsed']> {
  for (let i = bridges.length - 1; i >= 0; i--) {
    const used = bridges[i]!.elementUsed(name);
    if (used) return used;
  }
  return undefined;
}

/** A replay's names that the page no longer had, found by their saved locators, with the names they have now. */
function renamedIn(bridges: readonly PageBridge[]): Array<{ from: string; to: string }> {
  const all = new Map<string, string>();
  for (const bridge of bridges) for (const [from, to] of bridge.renamed) all.set(from, to);
  return [...all].slice(0, 40).map(([from, to]) => ({ from, to }));
}

function keep<T>(all: T[], item: T): T {
  all.push(item);
  return item;
}

/**
 * A generation stopped by the user ends with the text written so far (that is what Story keeps): for automation it
 * is no answer at all, since half a script must never run on the page.
 */
function stoppedDuring(result: { finishReason?: string }, signal: AbortSignal): void {
  if (signal.aborted || result.finishReason === 'abort') throw new AbortError('stopped by the user');
}

export class AutomationRuns {
  private readonly runs = new Map<number, Live>();
  /** Model calls by automation runs since the host started (a replay leaves it unchanged). */
  generateCalls = 0;

  constructor(private readonly deps: RunHostDeps) {}

  async state(tabId: number): Promise<{ run: RunState | null; generateCalls: number }> {
    if (this.closing.has(tabId)) return { run: null, generateCalls: this.generateCalls };
    const live = this.runs.get(tabId);
    if (live) return { run: structuredClone(live.redact?.(live.state) ?? live.state), generateCalls: this.generateCalls };
    const stored = await this.deps.store?.load(tabId).catch(() => null) ?? null;
    return { run: stored && stored.status === 'running' ? interrupted(stored) : stored, generateCalls: this.generateCalls };
  }

  private byRunId(runId: string): Live {
    for (const live of this.runs.values()) if (live.state.runId === runId) return live;
    throw new ValidationError(`no automation run "${runId}"`);
  }

  async start(request: AutomateStart): Promise<{ runId: string }> {
    const busy = this.runs.get(request.tabId);
    if (busy?.state.status === 'running' || this.starting.has(request.tabId)) {
      throw new ValidationError('a run is already going on this tab: stop it first', busy ? { runId: busy.state.runId } : undefined);
    }
    // Held until the run is registered: a second start during the model lookup below is refused too.
    this.starting.add(request.tabId);
    try {
      return await this.startOn(request);
    } finally {
      this.starting.delete(request.tabId);
      this.closedWhileStarting.delete(request.tabId);
    }
  }

  private readonly starting = new Set<number>();
  private readonly closedWhileStarting = new Set<number>();
  /** Tabs whose run is being forgotten (forgetTab): they have none. */
  private readonly closing = new Set<number>();

  private async startOn(request: AutomateStart): Promise<{ runId: string }> {
    const entry = await this.deps.model(request.model);
    // Its tab closed while the model was looked up: no run, and no record of it, is left behind.
    if (this.closedWhileStarting.delete(request.tabId)) throw new ValidationError('the tab was closed');
    if (!entry) throw new ModelNotFoundError(`no model "${request.model}"`);
    if (entry.unavailableReason) throw new ModelNotFoundError(`"${entry.name}" cannot run here: ${entry.unavailableReason}`);
    const runId = `auto-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const live: Live = {
      abort: new AbortController(), nextId: 1,
      state: {
        runId, tabId: request.tabId, task: request.task, model: request.model, mode: request.mode ?? 'script',
        replay: Boolean(request.known), status: 'running', phase: 'reading', attempt: 0, answer: request.known ? cutAnswer(request.known) : null,
        log: [], said: [], current: null, confirm: null, question: null, step: null, stepByStep: Boolean(request.stepByStep),
        report: null, error: null,
        startedAt: Date.now(), finishedAt: null, generateMs: 0,
      },
    };
    this.runs.set(request.tabId, live);
    live.finished = this.execute(live, request, entry);
    this.keepSaved(live);
    return { runId };
  }

  respond(runId: string, reply: RespondPayload): void {
    const live = this.byRunId(runId);
    if ('step' in reply) {
      if (live.state.step?.id !== reply.step.id || !live.step) throw new ValidationError('that step is no longer waiting');
      const go = live.step;
      live.step = undefined;
      live.state.step = null;
      if (reply.step.then === 'continue') live.state.stepByStep = false;
      go();
    } else if ('confirm' in reply) {
      if (live.state.confirm?.id !== reply.confirm.id || !live.confirm) throw new ValidationError('that confirmation is no longer pending');
      const resolve = live.confirm;
      live.confirm = undefined;
      live.state.confirm = null;
      resolve(reply.confirm.ok);
    } else {
      if (live.state.question?.id !== reply.answer.id || !live.answer) throw new ValidationError('that question is no longer pending');
      const resolve = live.answer;
      live.answer = undefined;
      live.state.question = null;
      resolve(reply.answer.text);
    }
  }

  stop(runId: string): void {
    const live = this.byRunId(runId);
    live.abort.abort();
    refuseWaits(live);
  }

  /**
   * The tab is gone: its run (perhaps waiting for a Confirm nobody can give now) stops, and what it stored — the task,
   * the log, values typed — is deleted with it.
   */
  async forgetTab(tabId: number): Promise<void> {
    if (this.starting.has(tabId)) this.closedWhileStarting.add(tabId);
    // From now on the tab has no run: a panel asking meanwhile must not see it end as "stopped" (nor its stored
    // record as interrupted) and take that for the run's own end (e2e, session 32: "its tab was closed" not said).
    this.closing.add(tabId);
    try {
      const live = this.runs.get(tabId);
      if (live) {
        live.abort.abort();
        refuseWaits(live);
        await live.finished?.catch(() => undefined);
        live.forgotten = true;
        await live.saving;
        this.runs.delete(tabId);
      }
      await this.deps.store?.remove?.(tabId);
    } finally {
      this.closing.delete(tabId);
    }
  }

  /**
   * One call to a script-writer model: its own input (the document as it is now, names on other pages, the task),
   * names constrained to those unless the request says not to; the bare script comes back as a regular answer.
   */
  private async writeScript(request: AutomateStart, entry: CatalogueEntry, doc: PageDocument, state: RunState,
    signal: AbortSignal, prompts: string[], hide: (text: string) => string): Promise<ModelReply> {
    // As for any model: the site document helps, a storage error there leaves the names of this page.
    const other = (await this.deps.otherPageNames?.(doc).catch(() => [])) ?? [];
    const written = scriptWriterCall(doc, request.task, other);
    const call = { ...written, prompt: hide(written.prompt) };
    if (request.keepPrompts) prompts.push(call.prompt);
    const began = Date.now();
    // It cannot read error feedback: a retry is another draw (greedy first, then sampled with a seed per attempt).
    const attempt = state.attempt;
    const result = await this.deps.generate({
      model: request.model, prompt: call.prompt, ...constraintFor(request, call),
      ...(request.backend ? { backend: request.backend } : {}),
      params: attempt === 0 ? { maxTokens: SCRIPT_WRITER_MAX_TOKENS, temperature: 0 }
        : { maxTokens: SCRIPT_WRITER_MAX_TOKENS, temperature: 0.7, topK: 20, seed: attempt },
    }, signal).finally(() => {
      state.generateMs += Date.now() - began;
    });
    stoppedDuring(result, signal);
    state.phase = 'running';
    return {
      text: JSON.stringify(scriptWriterAnswer(result.text, entry.name)), tokensIn: result.stats.tokensIn,
      tokensOut: result.stats.tokensOut, ttftMs: result.stats.ttftMs,
    };
  }

  /** Writes the run's state while it goes (when it changed) and once more when it ends. */
  private keepSaved(live: Live): void {
    const store = this.deps.store;
    if (!store) return;
    let written = '';
    const save = () => {
      if (live.forgotten) return;
      const shown = live.redact?.(live.state) ?? live.state;
      const text = JSON.stringify(shown);
      if (text === written) return;
      written = text;
      live.saving = store.save(structuredClone(shown)).catch(() => undefined);
    };
    live.save = save;
    const timer = setInterval(() => {
      save();
      if (live.state.status !== 'running') clearInterval(timer);
    }, SAVE_EVERY_MS);
    save();
  }

  private async execute(live: Live, request: AutomateStart, entry: CatalogueEntry): Promise<void> {
    const { tabId } = request;
    const state = live.state;
    const signal = live.abort.signal;
    // Small contexts get a smaller document block and answer; the engine still cuts an over-long prompt's front.
    const context = entry.contextLength ?? 4096;
    const maxTokens = Math.max(64, Math.min(700, Math.floor(context / 4)));
    const documentTokens = Math.max(200, Math.min(1500, Math.floor(context / 3)));
    const prompts: string[] = [];
    // A replay's {{param}} values (a password, say) are typed into the page but not shown or stored with the run: the
    // script keeps its holes, and wherever a value turns up in the run's text (the log, say, ask, a read's result, an
    // error message, a repair that copied it) its hole's name does — in free text only: ids, states and kinds stay.
    // A secret answer to ask() joins them when given.
    const secrets: Array<Secrets[number]> = Object.entries(request.params ?? {}).filter(([, value]) => value.length >= 3)
      .map(([name, value]) => [name, value, isSecretParam(name)] as const);
    live.redact = <T>(state: T) => (secrets.length ? redactRunText(state as RunState, secrets) as T : state);
    // The page document shows what a field that is not marked sensitive holds, a secret typed there too; it goes into
    // every prompt, so each prompt is hidden as a whole (exploratory test, session 24).
    const hide = (text: string) => hiddenSecrets(text, secrets);
    // The secret params' values, and the answers the user gave to ask() questions that ask for a secret (added as they
    // come, so a later `type` of one is masked and its result blanked for the rest of the run).
    const secretValues = secrets.filter(([, , secret]) => secret).map(([, value]) => value);
    // Late fill (secret-guard.ts): what a script other than the saved one holds for each secret — a secret parameter's
    // hole, a token of the run for a secret answer to ask() — and the value the bridge puts in where it may go. A value
    // that is also a plain parameter's is in such a script anyway: it is not looked for by its value.
    const plainValues = new Set(Object.entries(request.params ?? {}).filter(([name]) => !isSecretParam(name)).map(([, value]) => value));
    const matched = (value: string) => value.length >= 3 && !plainValues.has(value);
    const runSecrets: RunSecret[] = Object.entries(request.params ?? {}).filter(([name, value]) => isSecretParam(name) && value !== '')
      .map(([name, value]) => ({ token: `{{${name}}}`, value, param: name, matched: matched(value) }));
    const isToken = (text: string) => runSecrets.some((secret) => secret.token === text);
    /** A secret answer to ask() joins the run's secrets; its token (`{{secret_1}}`, never a parameter's name) is what a script other than the saved one gets. */
    const addSecretAnswer = (answer: string): string => {
      const known = runSecrets.find((secret) => secret.token === answer || secret.value === answer);
      if (!answer || known) return known?.token ?? answer;
      secretValues.push(answer);
      if (answer.length >= 3) secrets.push(['', answer, true]);
      let n = runSecrets.filter((secret) => !secret.param).length + 1;
      while (Object.hasOwn(request.params ?? {}, `secret_${n}`)) n++;
      runSecrets.push({ token: `{{secret_${n}}}`, value: answer, matched: matched(answer) });
      return runSecrets.at(-1)!.token;
    };
    /** Text as a script other than the saved one gets it from the page: each secret's value, however formatted, as its token. */
    const tokenized = (text: string) => hiddenSecrets(text, runSecrets.filter((secret) => secret.matched).map((secret) => [secret.token.slice(2, -2), secret.value, true] as const));
    /** A text holds a secret: its value (as the run's state would hide it) or its token. */
    const holdsAnySecret = (text: string) => hide(text) !== text || runSecrets.some((secret) => text.includes(secret.token));
    // Where the saved script (as saved, with its holes) types each secret parameter: a repair may type it only there.
    const savedTargets = request.known ? savedSecretTargets(request.known.script) : new Map<string, Set<string>>();
    let lastDoc: PageDocument | undefined;
    // A page that keeps the run waiting (a dialog of its own, a busy script) shows in the panel while it does, and
    // Stop ends the wait at once (what the page does with the request later is its own).
    const waitingOnPage = <T>(work: Promise<T>): Promise<T> => {
      const timer = setTimeout(() => {
        state.pageWaitSince = Date.now() - PAGE_WAIT_NOTICE_MS;
        live.save?.();
      }, PAGE_WAIT_NOTICE_MS);
      let onAbort = () => undefined as void;
      const stopped = new Promise<never>((_, reject) => {
        onAbort = () => reject(new AbortError('stopped by the user'));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
      return Promise.race([work, stopped]).finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        delete state.pageWaitSince;
      });
    };
    const read = async () => {
      lastDoc = await waitingOnPage(this.deps.readDocument(tabId));
      return lastDoc;
    };
    const highlight = (locators: Locator[]) => void this.deps.highlight(tabId, locators).catch(() => undefined);
    const writer = isScriptWriter(entry);
    const generate: RunnerDeps['generate'] = async (messages, jsonSchema, s) => {
      this.generateCalls++;
      state.phase = 'generating';
      if (writer) return this.writeScript(request, entry, lastDoc ?? await read(), state, s ?? signal, prompts, hide);
      messages = messages.map((m) => ({ ...m, content: hide(m.content) }));
      const prompt = flatten(messages);
      if (request.keepPrompts) prompts.push(entry.promptFormat === 'chat' ? messages.map((m) => m.content).join('\n\n') : prompt);
      const began = Date.now();
      const result = await this.deps.generate({
        model: request.model, prompt, ...(entry.promptFormat === 'chat' ? { messages } : {}), ...(request.backend ? { backend: request.backend } : {}),
        ...(jsonSchema ? { constraint: { jsonSchema } } : {}), params: { maxTokens, temperature: 0 },
      }, s ?? signal).finally(() => {
        state.generateMs += Date.now() - began;
      });
      stoppedDuring(result, s ?? signal);
      state.phase = 'running';
      return { text: result.text, tokensIn: result.stats.tokensIn, tokensOut: result.stats.tokensOut, ttftMs: result.stats.ttftMs };
    };
    // The run's site: every attempt's bridge keeps to it, even after a repair read a page elsewhere.
    let runOrigin: string | undefined;
    /** Every attempt's bridge, latest last: what they saw of the page's lists is saved with the script. */
    const bridges: PageBridge[] = [];
    const remembered = rememberedFor(request);
    /** The page's names now for a saved script's `name`: renamed by an attempt, or found by its saved locators. */
    const namedNow = (name: string) => [
      ...renamedIn(bridges).filter(({ from }) => from === name).map(({ to }) => to),
      ...(lastDoc ? [rememberedElement(request.knownElements ?? [], name, lastDoc)?.name ?? ''] : []),
    ].filter(Boolean);
    const newBridge = async (userValues: string[], savedAsIs = false) => keep(bridges, new PageBridge({
      act: (act) => waitingOnPage(this.deps.act(tabId, act)),
      // The bridge's watch for the page changing (read-columns.ts): not a step the run is seen to wait on.
      watch: (act) => this.deps.act(tabId, act),
      readDocument: read,
      confirm: (req) => new Promise<boolean>((resolve) => {
        highlight(req.locators);
        state.confirm = { id: live.nextId++, target: cut(req.target, 400), action: req.action, label: cut(req.label, 400), reason: cut(req.reason, 400) };
        live.save?.();
        live.confirm = resolve;
      }),
      ask: (text) => new Promise<string>((resolve) => {
        state.question = { id: live.nextId++, text: cut(text, 4000) };
        live.save?.();
        live.answer = resolve;
      }).then((answer) => {
        // A secret from the moment it is given; a script other than the saved one gets its token (secret-guard.ts).
        if (!asksForSecret(text) || !answer) return answer;
        const token = addSecretAnswer(answer);
        return savedAsIs ? answer : token;
      }),
      say: (text) => {
        // The newest lines are the ones to see (a loop that says each step): older ones go, counted.
        if (state.said.length >= MAX_SAID) {
          state.said.shift();
          state.saidDropped = (state.saidDropped ?? 0) + 1;
        }
        state.said.push(cut(text, 4000));
      },
      onTarget: (locators, target) => {
        state.current = cut(target, 400);
        highlight(locators);
      },
      beforeAction: async (step) => {
        if (!state.stepByStep) return false;
        await new Promise<void>((resolve) => {
          state.step = { id: live.nextId++, action: cut(step.action, 40), target: cut(step.target, 400) };
          live.step = resolve;
        });
        if (signal.aborted) throw new AbortError('stopped by the user');
      },
      ...(this.deps.route ? { route: this.deps.route } : {}),
      // A click the bridge made on its own, along a recorded way to another page: in the log, as the script's are.
      onRouteStep: (step, reaching) => {
        const last = state.log.at(-1);
        pushLog({ seq: state.log.length, line: 0, column: 0, call: 'route', target: `$${step}`, args: [], result: `$${reaching}`, at: last ? last.at + last.ms : 0, ms: 0 });
      },
      // The site document keeps no values, but names and descriptions are page text, which may echo a secret.
      ...(this.deps.onNavigated ? { onNavigated: (from: PageDocument, element: string, to: PageDocument) => {
        let pages: [PageDocument, PageDocument];
        // The element's name is page text too (a slug of its label): one that holds a secret is no edge to keep.
        if (hide(`$${element}`) !== `$${element}`) return;
        try {
          pages = [hiddenIn(from), hiddenIn(to)];
        } catch {
          return; // not recorded rather than recorded with a secret
        }
        this.deps.onNavigated!(pages[0], element, pages[1]);
      } } : {}),
      ...(remembered ? { remembered } : {}),
      ...(request.knownLists ? { savedSlots: savedSlotsFor(request.knownLists) } : {}),
      secretGuard: secretGuard({ secrets: () => runSecrets, tokenized, replay: Boolean(request.known), savedTargets, savedAsIs, namedNow }),
    }, lastDoc ?? await read(), [request.task, ...userValues], siteOfRun(await (lastDoc ?? read()))));
    const siteOfRun = (doc: PageDocument) => {
      runOrigin ??= originOf(doc.url);
      if (runOrigin && !state.origin) state.origin = runOrigin;
      return runOrigin;
    };
    const hiddenIn = (doc: PageDocument): PageDocument => (secrets.some(([, , secret]) => secret) ? JSON.parse(hide(JSON.stringify(withoutSecretNames(doc, hide)))) as PageDocument : doc);
    // A field is sensitive as any of the run's reads of the page had it (the document entry says so).
    const sensitiveTarget = (target: string) => bridges.some((b) => b.sensitiveTarget(target));
    const kept = (entry: LogEntry) => {
      const answer = secretAnswerOf(entry);
      if (answer !== undefined && !isToken(answer)) addSecretAnswer(answer);
      const keptOne = keptEntry(entry, secretValues, sensitiveTarget);
      // A call that held a secret (its value however reformatted, or its token; refused or typed) keeps no trace of its text.
      return SHOWN_CALLS.has(keptOne.call) || !keptOne.args.some((arg) => holdsAnySecret(JSON.stringify(arg) ?? ''))
        ? keptOne : { ...keptOne, args: keptOne.args.map(() => MASKED_TYPING) };
    };
    const pushLog = (entry: LogEntry) => {
      // The newest entries are the ones that matter (the run going on, the failure a repair reads): older ones go, counted.
      if (state.log.length >= MAX_LOG) {
        state.log.shift();
        state.logDropped = (state.logDropped ?? 0) + 1;
      }
      state.log.push(kept(entry));
    };
    let filled: string | undefined;
    /** The saved script as its first attempt runs it (its holes filled). */
    let asSaved: string | undefined;
    /**
     * A repair of a replay writes a secret as its hole (it was never told the value), and may write any other value's
     * hole too: the run fills them. A hole in a comment is only words there (review, session 24).
     */
    const fillRepair = (script: string): string => {
      if (!request.known || !request.params || script === filled) return script;
      const source = commentHolesDropped(script);
      // A secret's hole stays in its string: the bridge puts the value in where it is typed whole (late fill, secret-guard.ts).
      const kept = (name: string) => isToken(`{{${name}}}`);
      if (!paramsOf(source).some((name) => Object.hasOwn(request.params!, name) || kept(name))) return script;
      try {
        return fillParams(source, request.params, kept);
      } catch (error) {
        throw new ScriptSyntaxError(error instanceof Error ? error.message : String(error));
      }
    };
    const shown = (script: string) => (script === filled && request.known ? request.known.script : script);
    /** An attempt's raw answer text: the filled script in it, as is or JSON-escaped, goes back to its holes. */
    const shownRaw = (raw: string) => {
      if (!filled || !request.known) return raw;
      const inJson = (text: string) => JSON.stringify(text).slice(1, -1);
      return raw.split(filled).join(request.known.script).split(inJson(filled)).join(inJson(request.known.script));
    };

    try {
      let known = request.known;
      if (known && request.savedFor) {
        const here = originOf((lastDoc ?? await read()).url);
        if (here !== request.savedFor) {
          throw new NavigationError(`this script was saved for ${request.savedFor}, but the tab shows ${here ?? 'a page without a site'}: open it on its own site`);
        }
      }
      if (known && request.params) {
        const script = fillParams(known.script, request.params);
        filled = script;
        known = { ...known, script };
      }
      asSaved = known?.script;
      let report: RunReport;
      if (state.mode === 'stepwise') {
        const bridge = await newBridge(request.userValues ?? []);
        report = await runStepwise(request.task, {
          generate, readDocument: read,
          act: async (call) => {
            const value = await bridge.call(call);
            return holdsSecret(call.args, secretValues) ? null : value;
          },
          onEvent: (event) => {
            if (event.type === 'generating') state.attempt = event.step;
            else pushLog(event.entry);
          },
        }, { documentTokens, signal });
        if (report.ok && !signal.aborted) {
          // As after a script: a form the page sent by itself after the last step is asked about now.
          try {
            await bridge.finish();
          } catch (error) {
            const cancelled = error instanceof PocketError && error.data?.cancelled === true;
            report = { ...report, ok: false, status: cancelled ? 'cancelled' : 'failed', summary: `the steps ran to their end, but then ${error instanceof Error ? error.message : String(error)}` };
          } finally {
            bridge.close();
            refuseWaits(live);
          }
        }
      } else {
        let bridge: PageBridge | undefined;
        const deps: RunnerDeps = {
          // Engines that hold output to a JSON schema: web-llm (grammars), Chrome's model (responseConstraint).
          constrained: entry.engine === 'web-llm' || entry.engine === 'builtin',
          readDocument: read,
          // A script-writer model's script that acts on nothing the task names is not run (see unrelated.ts).
          ...(writer ? { vet: (answer: ModelAnswer, task: string) => unrelatedScript(answer.script, task) } : {}),
          ...(this.deps.otherPageNames ? { otherPageNames: this.deps.otherPageNames } : {}),
          ...(request.knownLists || request.knownElements ? { remembered: [
            ...(request.knownLists ?? []).map((saved) => listScriptName(saved.list)),
            ...(request.knownElements ?? []).map(({ element }): ScriptName => ({ name: element.name, kind: element.kind })),
          ] } : {}),
          generate,
          execute: async (written, names, budgets, onLog, s) => {
            const source = fillRepair(written);
            const sandbox = await this.deps.sandbox();
            // The saved script as it was saved (approved by the user): where it types a parameter is that parameter's place.
            const attemptBridge = await newBridge(request.userValues ?? [], asSaved !== undefined && source === asSaved);
            bridge = attemptBridge;
            state.phase = 'running';
            try {
              const logged = (entry: LogEntry) => onLog(kept(entry));
              const ran = await sandbox.run({ source, capabilitySet: 'automation', names, budgets }, { bridge: attemptBridge, onLog: logged, ...(s ? { signal: s } : {}) });
              const result = { ...ran, log: ran.log.map(kept) };
              if (!result.ok || s?.aborted) return result;
              // A form the page sent by itself after the script's last action was held back: the user is asked now.
              try {
                await attemptBridge.finish();
                return result;
              } catch (error) {
                // Not the script's to repair (it ran to its end): a Cancel ends the run as cancelled, anything else as failed.
                const thrown = error instanceof PocketError ? error : new PocketError(String((error as Error)?.message ?? error));
                if (thrown.data?.cancelled !== true) Object.assign(thrown, { data: { ...thrown.data, afterScript: true } });
                return { ...result, ok: false, finishedBy: 'error', error: thrown };
              }
            } finally {
              // The attempt is over (done, failed, out of time): what it was waiting for is refused and nothing it
              // started may act any more, so a late "Confirm" cannot click during the repair.
              attemptBridge.close();
              refuseWaits(live);
            }
          },
          cancelled: () => (bridge?.stats.cancelled ?? 0) > 0,
          onEvent(event) {
            if (event.type === 'answer') {
              state.answer = cutAnswer({ ...event.answer, script: shown(event.answer.script) });
              state.log = [];
              delete state.logDropped;
            } else if (event.type === 'log') pushLog(event.entry);
            else if (event.type === 'generating') state.attempt = event.attempt;
          },
        };
        report = await runTask(taskForModel(request), deps, { maxRepairs: request.maxRepairs ?? 2, documentTokens, signal }, known);
      }
      const replayable = report.ok && state.mode === 'script' ? replayableScript(report.attempts) ?? '' : undefined;
      // A password the user wrote in the task and the script typed is saved as a hole, in the script and the task.
      const holed = replayable !== undefined && !request.known ? withSecretHoles(replayable, request.task, sensitiveTarget) : undefined;
      const savedScript = holed?.script ?? replayable;
      state.report = {
        ...report, summary: cut(report.summary, 4000),
        attempts: report.attempts.map((a) => ({
          raw: cut(shownRaw(a.raw), 20_000), tokensIn: a.tokensIn, tokensOut: a.tokensOut, ...(a.ttftMs !== undefined ? { ttftMs: a.ttftMs } : {}),
          ...(a.answer ? { answer: { ...a.answer, plan: cut(a.answer.plan, 2000), script: cut(shown(a.answer.script), 20_000) } } : {}),
          ...(a.failure ? { failure: { ...a.failure, message: cut(a.failure.message, 4000) } } : {}),
        })),
        ...(request.keepPrompts ? { prompts: prompts.slice(0, 64) } : {}),
        // Offered for saving only what a replay accepts (20,000 characters): a cut script would not run.
        ...(savedScript !== undefined && savedScript.length <= 20_000 ? {
          savedScript,
          // A replay is not offered for saving (its lists would be the ones it was given, its values the user's).
          ...(!request.known ? {
            savedTask: cut(holed?.task ?? request.task, 4000),
            ...(holed?.holes.length ? { savedHoles: holed.holes.slice(0, MAX_SAVED_ELEMENTS) } : {}),
            ...(holed?.missed ? { savedSecretsLeft: holed.missed } : {}),
            savedLists: listsToSave(savedScript, (name) => lastUse(bridges, name), (url) => pathPattern(url).pattern),
            savedElements: elementsToSave(savedScript, (name) => lastElementUse(bridges, name), (url) => pathPattern(url).pattern),
          } : {}),
        } : {}),
        ...(renamedIn(bridges).length ? { renamed: renamedIn(bridges) } : {}),
      };
      state.status = report.status;
    } catch (error) {
      state.error = serializeError(error instanceof PocketError || !(error instanceof Error) ? error : new PocketError(error.message));
      state.status = signal.aborted || (error instanceof Error && error.name === AbortError.errorName) ? 'stopped' : 'error';
    } finally {
      state.phase = 'finished';
      state.finishedAt = Date.now();
      state.current = null;
      refuseWaits(live);
      highlight([]);
    }
  }
}
