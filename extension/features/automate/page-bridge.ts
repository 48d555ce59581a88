/**
 * The side panel's end of the script bridge: turns `$name` calls into page actions on the bound tab
 * (side panel → background `page.act` → content executor), keeps the document current (read again at once after an
 * action that left the page or changed its address, and when a name or element is missing after one that changed the
 * page: the executor finds elements by their locators on the live page, so most steps need no new read), answers
 * ask/say through the UI, and holds irreversible actions until the user confirms them. Typed values count as
 * user-supplied only when the user gave them in this run.
 */
import { AbortError, ActionError, BudgetError, ContentScriptError, isErrorNamed, NavigationError, NotFoundError, PageUnresponsiveError, type PocketError } from '../../protocol/errors.ts';
import type { ActReply, ActRequest, ActTarget, ElementEntry, ListEntry, ListSlot, Locator, PageDocument } from '../../protocol/schemas.ts';
import { WATCH_MAX_MS } from '../../protocol/list-reads.ts';
import type { Bridge, BridgeCall, BridgeMethod, BridgeTarget, ScriptName } from '../../sandbox/capabilities/bridge.ts';
import { describeTarget } from '../../sandbox/capabilities/bridge.ts';
import { suggestPageName } from '../../sandbox/capabilities/name-suggest.ts';
import type { ExportedValue } from '../../sandbox/interpreter/values.ts';
import { classifyAction, decodedAddress } from '../../content/executor/irreversible.ts';
import { itemControlSlot, itemLink } from '../../content/document/render.ts';
import { ReadColumns } from './read-columns.ts';
import { pageNews, withNews } from './page-news.ts';

export type Entry = ElementEntry | ListEntry;

/** Kinds whose click is undone by clicking again (or by typing): never held for confirmation. */
const TOGGLES: ReadonlySet<string> = new Set(['checkbox', 'radio', 'switch', 'text_input', 'text_area', 'select', 'option', 'tab']);

export interface ConfirmRequest {
  /** `$compose__send_button`, `$todos[2].delete` */
  target: string;
  action: string;
  /** The element's description from the document (page text: shown as text only). */
  label: string;
  reason: string;
  locators: Locator[];
}

/** A call as the secret guard sees it, before it reaches the page. */
export interface GuardedCall {
  call: BridgeMethod;
  args: readonly ExportedValue[];
  /** A call on an element: the target as the script wrote it… */
  target?: BridgeTarget;
  /** …and the entry it is on the page now (given for `type()` and `select()`, once found). */
  entry?: Entry;
}

/** What the secret guard lets a call send (secret-guard.ts). */
export interface SecretCheck {
  /** The arguments to send: a secret's token typed or chosen whole, where it may go, is its value now. */
  args: readonly ExportedValue[];
  /** A secret's value was put in (the user gave it: it may go into a sensitive field). */
  filled: boolean;
  /** Let through only as the field is a password, card or code input: the executor checks the live field, and this is the refusal when it is not. */
  onlyIntoSecretInput?: ActionError;
}

/** The run's secrets at the bridge (secret-guard.ts): the late fill, and what the script gets back of the page. */
export interface SecretGuard {
  /**
   * Asked before anything of a call reaches the page (a `type()` or `select()` once its element is found): throws an
   * ActionError that names the secret by its token when the call would hand one where it does not belong.
   */
  check(call: GuardedCall): SecretCheck;
  /**
   * What the script is given back (a read, an answer, an error's message and data): each secret's value as its token;
   * `read`: the call that read it (a field a secret went into reads as that secret's token, however short the secret).
   */
  shown<T>(value: T, read?: GuardedCall): T;
}

export interface PageBridgeDeps {
  act(request: ActRequest): Promise<ActReply>;
  /**
   * `act` for the bridge's `watch` of the page (it waits, beside the run's steps, for the page to change): not a step
   * the run waits on. Without it, `act`.
   */
  watch?(request: ActRequest): Promise<ActReply>;
  readDocument(): Promise<PageDocument>;
  confirm(request: ConfirmRequest): Promise<boolean>;
  ask(question: string): Promise<string>;
  say(text: string): void;
  /** Called before each element action (the panel highlights it). */
  onTarget?(locators: Locator[], target: string): void;
  /** Step-by-step runs: resolves when the user lets the next action happen; false when it did not wait (not step by step). */
  beforeAction?(step: { action: string; target: string; locators: Locator[] }): Promise<boolean | void>;
  /** The names to click, in order, that lead from this page to the page holding `name` (site document), or null. */
  route?(name: string, from: PageDocument): Promise<string[] | null>;
  /** A click on `element` took the page from `from` to `to` (the site document records the edge). */
  onNavigated?(from: PageDocument, element: string, to: PageDocument): void;
  /** The bridge clicked `step`, a step of the recorded way to the page holding `reaching` (the run's log shows it). */
  onRouteStep?(step: string, reaching: string): void;
  /**
   * A saved script's list of that name as it was when the script was saved, when `doc` is of the page it was saved
   * on: a list that has since shrunk into separate entries (nine toolbar buttons down to eight, three todos down to
   * two) is found again by its container and item selector. An element of that name the page no longer has is the
   * page's element that its saved locators find (run-host.ts `rememberedElement`).
   */
  remembered?(name: string, doc: PageDocument): Entry | undefined;
  /** A saved script's list of that name as saved for the page of `doc`: the slots its fields had then. */
  savedSlots?(name: string, doc: PageDocument): readonly ListSlot[] | undefined;
  /** The run's secrets: where they may go, put in at the last moment, and kept out of what the script reads. */
  secretGuard?: SecretGuard;
}

export function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

export function entriesOf(doc: PageDocument): Entry[] {
  return doc.sections.flatMap((section) => section.entries);
}

/** The sandbox takes at most 5,000 names; a page's own (at most 3,000 entries) always fit, its lists' old names may not. */
const MAX_SCRIPT_NAMES = 4_000;

/** A list as a script sees it: its item fields include its action slots. */
export function listScriptName(entry: ListEntry): ScriptName {
  return { name: entry.name, kind: 'list', fields: [...new Set([...entry.fields, ...entry.actions])] };
}

/** The names a document offers to scripts: elements, and lists whose item fields include their action slots. */
export function scriptNames(doc: PageDocument): ScriptName[] {
  const entries = entriesOf(doc);
  const names: ScriptName[] = entries.map((entry) => entry.kind === 'list' ? listScriptName(entry) : { name: entry.name, kind: entry.kind });
  // The names a list's items had as entries, while the list was small enough to be entries (after the page's own).
  const taken = new Set(names.map((n) => n.name));
  for (const entry of entries) {
    if (entry.kind !== 'list') continue;
    for (const name of entry.itemNames ?? []) {
      if (!name || taken.has(name) || names.length >= MAX_SCRIPT_NAMES) continue;
      taken.add(name);
      names.push({ name, kind: entry.slots[0]?.kind ?? 'clickable' });
    }
  }
  return names;
}

/** `$toolbar__archive_button` when the toolbar has become a list: that list and the item the name was. */
export function itemNamed(doc: PageDocument, name: string): { list: ListEntry; index: number } | undefined {
  for (const entry of entriesOf(doc)) {
    const index = entry.kind === 'list' ? entry.itemNames?.indexOf(name) ?? -1 : -1;
    if (index >= 0) return { list: entry as ListEntry, index };
  }
  return undefined;
}

/**
 * The executor's NotFound for a field its item does not have (`missingField`), in the script's names: "item 4 of
 * `$downloads` has no `platform`", not the list's CSS path — the item is there, and so is the field on other items.
 */
function withoutField(error: unknown, target: BridgeTarget): NotFoundError | undefined {
  if (!isErrorNamed(error, NotFoundError) || (error as NotFoundError).data?.missingField !== true || !target.field) return undefined;
  const found = target.holds !== undefined ? ` (found by ${JSON.stringify(target.holds.slice(0, 100))})` : '';
  // A row's name linked in some rows only reads as its cell's text where it is no link (content/document/lists.ts cellInPlaceOf).
  const reads = (error as NotFoundError).data?.readsCell === true ? 'its cell\'s text, as there it is no link' : '""';
  return new NotFoundError(`item ${target.index ?? 0}${found} of \`$${target.name}\` has no \`${target.field}\` (not every item has it; reading it gives ${reads}, .exists() tells)`,
    { name: target.name, field: target.field, ...(target.index !== undefined ? { index: target.index } : {}), missingField: true });
}

/** Control kinds that open something when clicked (not boxes, fields or choices). */
const OPENING_KINDS: ReadonlySet<string> = new Set(['link', 'button', 'clickable', 'menuitem']);
/** Slot names that say a link is the item's title (`title_link`, `headline`, `name`, `subject`). */
const TITLE_NAME = /(?:^|_)(?:title|headline|heading|name|subject)(?:_|$)/;
/** A slot selector through a heading (`h3 > a`): the item's title. */
const IN_HEADING = /(?:^|[\s>+~(])h[1-6](?![\w-])/i;

/** A button that says it opens or shows its item ("View", "Details", "Read more"). */
const OPEN_WORDS = /(?:^|_)(?:open|view|details?|read|show|more|info|expand|see|preview)(?:_|$)/;
/** Controls that act on the item rather than open it: a row's lone "Add to cart", "Archive" or "Follow" is no opener. */
const ACTION_WORDS = /(?:^|_)(?:add|archive|unarchive|follow|unfollow|accept|decline|reject|like|unlike|mark|save|share|report|flag|block|mute|pin|star|vote|upvote|downvote|subscribe|join|leave|reply|copy|download|print|edit|move|snooze|hide|dismiss|cart|basket|favou?rite|bookmark|retweet|invite|approve)(?:_|$)/;

/**
 * An item's controls that may open it: links (and rows made clickable) that do not name an action, and buttons that
 * say they open or show; never
 * one whose name means it removes, deletes, buys, sends… (a lone "Add to cart" clicked as "open" added to the cart
 * unasked; review, session 26).
 */
function openers(entry: ListEntry): ListSlot[] {
  // A set of links (a card's tags) is no one control that opens the item (review, session 49).
  return entry.slots.filter((slot) => OPENING_KINDS.has(slot.kind) && !slot.repeated
    && (slot.kind === 'button' || slot.kind === 'menuitem' ? OPEN_WORDS.test(slot.name) : !ACTION_WORDS.test(slot.name))
    && !classifyAction({ action: 'click', label: slot.name.replace(/_/g, ' ') }).irreversible);
}

/**
 * What `item.open()` clicks in an item of this list: its control named `open`; else its one link or button, when that
 * may open it (openers: the todo's lone Remove, a lone Add to cart are not); else its one link beside buttons (a product's link beside
 * "Add to cart"); else its title link (in a heading, named so, or the one link whose text is a field, differing from
 * row to row). Undefined when none is clearly the opener.
 */
export function openerSlot(entry: ListEntry): ListSlot | undefined {
  const named = entry.slots.find((slot) => slot.kind !== 'text' && (slot.name === 'open' || slot.name.startsWith('open_'))
    && !classifyAction({ action: 'click', label: slot.name.replace(/_/g, ' ') }).irreversible);
  if (named) return named;
  const clickable = entry.slots.filter((slot) => OPENING_KINDS.has(slot.kind));
  const candidates = openers(entry);
  if (clickable.length === 1) return candidates[0];
  const links = candidates.filter((slot) => slot.kind === 'link');
  if (links.length === 1) return links[0];
  const showsField = (link: ListSlot) => entry.fields.includes(link.name)
    || entry.slots.some((slot) => slot.kind === 'text' && entry.fields.includes(slot.name) && slot.selector.startsWith(`${link.selector} `));
  for (const title of [(slot: ListSlot) => IN_HEADING.test(slot.selector), (slot: ListSlot) => TITLE_NAME.test(slot.name), showsField]) {
    const titled = links.filter(title);
    if (titled.length === 1) return titled[0];
  }
  return undefined;
}

export interface BridgeStats {
  actions: number;
  confirmed: number;
  cancelled: number;
  documentReads: number;
  /** Clicks the bridge made on its own to reach an element that lives on another page. */
  autoNavigations: number;
}

/** How long after an action a name the page does not have yet is waited for, and how often the page is read meanwhile. */
export const LATE_NAME_MS = 4_000;
/** The first re-read; each next one waits half as long again, up to LATE_NAME_POLL_MAX_MS (a read walks the page). */
const LATE_NAME_POLL_MS = 200;
export const LATE_NAME_POLL_MAX_MS = 800;
/** How long a page that does not change at all is watched for a late name. */
export const LATE_NAME_QUIET_MS = 1_500;

/** What a re-read would show changed: the page, its address, its names and its size. */
function documentShape(doc: PageDocument): string {
  return `${doc.pageId ?? ''} ${doc.url} ${doc.stats.nodes} ${entriesOf(doc).map((e) => e.name).join(' ')}`;
}

/** Calls that change the page: after one, a name the page does not have yet may still come. */
const PAGE_CHANGING: ReadonlySet<string> = new Set(['click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'navigate']);
/** `$list.scroll()`: what it loads (more items, an "end of the feed" note) changes the page as a click does. */
const listScroll = (request: ActRequest): boolean => request.action === 'scroll' && !!request.target?.item && request.target.item.index === undefined;
/** Actions that can start a navigation (a link, Enter in a form, a select or box that submits, `navigate()`); typing and hovering do not. */
const NAVIGATING: ReadonlySet<string> = new Set(['click', 'press', 'select', 'check', 'uncheck', 'navigate']);
/** How long after such an action a new document the run did not see it open may still be that action's (a late redirect). */
export const LATE_NAVIGATION_MS = 4_000;

/** Calls after which texts read in one go (read-columns.ts) still hold: reads, and what is said to the user. */
const KEEPS_COLUMNS: ReadonlySet<string> = new Set(['text', 'value', 'exists', 'count', 'find', 'say']);

/** waitFor()'s timeout when the script gives none, and its cap (the sandbox's too: capabilities/automation.ts). */
const WAIT_FOR_MS = 5_000;
const MAX_WAIT_FOR_MS = 60_000;

/**
 * Calls that put text into a field of the page, which a move to another page would throw away. Not ticks and choices:
 * a settings page's switches and a filter's select often take effect at once, and a form's checkboxes come with typing.
 */
const FILLS: ReadonlySet<string> = new Set(['type']);
/** Clicks along recorded paths one attempt may make (the script's own actions have their budget in the sandbox). */
export const MAX_AUTO_NAVIGATIONS = 20;

/** The page changed under the run, not through an action the run saw lead there. */
function pageChanged(url: string): NavigationError {
  return new NavigationError(`the page changed while the run was going, not through one of its actions (it is now ${url ? JSON.stringify(url.slice(0, 200)) : 'another page'}: a reload, or a page you or the site opened): the run stops here rather than act on a page it did not plan for; start it again on this page`, { pageChanged: true });
}

export class PageBridge implements Bridge {
  readonly stats: BridgeStats = { actions: 0, confirmed: 0, cancelled: 0, documentReads: 0, autoNavigations: 0 };
  /** `text()` reads of list items: answered from texts held (read-columns.ts), and `texts` round trips made. */
  readonly reads = { held: 0, columns: 0 };
  private readonly columns = new ReadColumns();
  /** Generations of the page a `watch` is out for. */
  private readonly watching = new Set<string>();
  private readonly userValues = new Set<string>();
  /** Every entry seen in this run, latest first: a name the page still has but the document no longer lists
   * (a list filtered down to two rows stops being a list) is found again by its earlier locators. */
  private readonly seen = new Map<string, { entry: Entry; pageId: string | undefined }>();
  private current!: PageDocument;
  /** An action changed the page since the document was read. */
  private stale = false;

  /** The attempt this bridge served has ended: nothing more may act (a late confirmation, step or retry). */
  private closed = false;
  private readonly waitListeners = new Set<(waiting: boolean) => void>();

  /** Ends the bridge's attempt: any later action is refused. */
  close(): void {
    this.closed = true;
  }

  /** Tells `listener` when the bridge starts and stops waiting for the user (the run's clock stops meanwhile). */
  onUserWait(listener: (waiting: boolean) => void): () => void {
    this.waitListeners.add(listener);
    return () => this.waitListeners.delete(listener);
  }

  /**
   * Waits for the user (a confirmation, a question, the next step). Meanwhile the user may take the tab elsewhere or
   * reload it: a run planned on one page must not go on, or be repaired, on another — nor report as done what a reload
   * undid. So the page is read again afterwards, and a new document (another page id) ends the run.
   */
  private async userWait<T>(work: () => Promise<T>): Promise<T> {
    // The page the run is on: the one the last action answered from, else the one read last.
    const before = this.pageId ?? this.doc.pageId;
    for (const listener of this.waitListeners) listener(true);
    let result: T;
    try {
      result = await work();
    } finally {
      for (const listener of this.waitListeners) listener(false);
    }
    // A step hook that did not wait (the run is not step by step) gave the user no time to go anywhere.
    if (result === false || !before || this.closed) return result;
    let now: PageDocument;
    try {
      now = await this.readPage();
    } catch (error) {
      if (this.left) throw this.left;
      this.leave(new NavigationError(`the page could not be read after waiting for you (${error instanceof Error ? error.message : String(error)}): the run stops here`, { pageChanged: true }));
      throw this.left!;
    }
    this.stats.documentReads++;
    // Only the page id is compared: `this.doc` stays the document the run planned with (its `stale` flag decides
    // when to read again).
    if (now.pageId && now.pageId !== before) {
      this.leave(new NavigationError(`the page changed while the run waited for you (it is now ${JSON.stringify(now.url.slice(0, 200))}): the run stops here; start it again on this page`, { pageChanged: true }));
      throw this.left!;
    }
    return result;
  }

  /** The page id the last action's answer came from (a click may have started a navigation the bridge did not see). */
  private pageId: string | undefined;

  private async act(request: ActRequest): Promise<ActReply> {
    if (this.closed) throw new AbortError('this attempt has ended: its actions no longer run');
    if (this.left) throw this.left;
    try {
      const send = (pageId: string | undefined) => this.deps.act({
        ...request, ...(this.origin ? { expectedOrigin: this.origin } : {}), ...(pageId ? { expectedPageId: pageId } : {}),
      });
      let reply: ActReply;
      try {
        reply = await send(this.pageId ?? this.doc.pageId);
      } catch (error) {
        // The page sent a form by itself after the last action (held back): the user is asked first, then this goes.
        if (request.action !== 'held' && isErrorNamed(error, ActionError) && (error as ActionError).data?.state === 'late-submit') {
          const page = this.doc.pageId;
          await this.lateSubmission();
          // The submission took the tab to another page: the element is to be found there again, by its name.
          if (request.target && this.doc.pageId !== page) {
            throw new NotFoundError(`the page sent a form and moved on to ${JSON.stringify(this.doc.url.slice(0, 200))}: the element is looked for there again`, { movedOn: true });
          }
          return await this.act(request);
        }
        const data = isErrorNamed(error, NavigationError) ? (error as NavigationError).data : undefined;
        if (data?.pageChanged !== true || typeof data.pageId !== 'string') throw error;
        this.otherDocument(data.pageId, String(data.url ?? ''));
        reply = await send(data.pageId);
      }
      if (PAGE_CHANGING.has(request.action) || listScroll(request)) {
        this.lastAction = { seq: (this.lastAction?.seq ?? 0) + 1, at: performance.now() };
        this.beforeLastAction = this.doc;
      }
      if (NAVIGATING.has(request.action)) this.lastNavigating = performance.now();
      if (reply.pageId) this.pageId = reply.pageId;
      // Something done there: the page is the run's now.
      if (reply.pageId === this.unconfirmed && request.action !== 'exists') this.unconfirmed = undefined;
      // A redirect that came after the executor stopped watching: what the reply saw is where the tab is now.
      if (this.origin && reply.url && originOf(reply.url) && originOf(reply.url) !== this.origin) {
        this.leave(new NavigationError(`the page left ${this.origin} for ${originOf(reply.url)}: the run stops here`, { leftOrigin: true }));
      }
      return reply;
    } catch (error) {
      if (isErrorNamed(error, NavigationError) && (error as NavigationError).data?.leftOrigin) this.leave(error as NavigationError);
      this.stopIfUnresponsive(error);
      throw error;
    }
  }

  /**
   * A submission the page made by itself a moment after the last action (a debounced auto-save), which the executor
   * held back: shown to the user like any irreversible action; confirmed, the executor sends it as the page meant to.
   */
  private async lateSubmission(): Promise<void> {
    const request: ActRequest = { action: 'held', args: [] };
    let reply: ActReply;
    try {
      reply = await this.act(request);
    } catch (error) {
      if (!isErrorNamed(error, ActionError) || !(error as ActionError).data?.needsConfirmation) throw error;
      const asked = error as ActionError;
      reply = await this.confirmAndAct(request, 'a form the page sends by itself', asked, String(asked.data?.label ?? 'a form'));
    }
    if (reply.navigated || (reply.changed && reply.url && reply.url !== this.doc.url)) {
      await this.refresh(reply.navigated, reply.url || undefined, reply.pageId ?? this.doc.pageId);
    } else if (reply.changed) {
      this.stale = true;
    }
  }

  /**
   * The script has ended: a submission the page made by itself after its last action is asked about now (the executor
   * waits out the moment it watches for one), rather than left unsent and unsaid.
   */
  async finish(): Promise<void> {
    if (this.closed || this.left || !this.lastAction) return;
    try {
      await this.lateSubmission();
    } catch (error) {
      // A Cancel, or a held submission that cannot be sent, is the run's to report; so is a form to another site the
      // page sent by itself after the last action (stopped: what the script did may not have been saved). A page that
      // moved on, went away or stopped answering holds nothing of this run: the script's own result stands.
      if (isErrorNamed(error, ActionError)) throw error;
      if (isErrorNamed(error, NavigationError) && typeof (error as PocketError).data?.host === 'string') throw error;
    }
  }

  /** Reads the page; one that stopped answering ends the attempt (see stopIfUnresponsive). */
  private async readPage(): Promise<PageDocument> {
    try {
      return await this.deps.readDocument();
    } catch (error) {
      this.stopIfUnresponsive(error);
      throw error;
    }
  }

  /**
   * A page that stopped answering (a dialog waiting for the user, a busy script) may still do what it was asked, later:
   * nothing more is done there in this attempt, and every later call says why at once rather than wait again.
   */
  private stopIfUnresponsive(error: unknown): void {
    if (isErrorNamed(error, PageUnresponsiveError)) this.leave(error as PageUnresponsiveError);
  }

  /** When the last action that can start a navigation answered (performance.now()). */
  private lastNavigating: number | undefined;
  /**
   * A document the run did not see one of its actions open, taken as the late page of its last click (within
   * LATE_NAVIGATION_MS), until something is found there: if the names the script uses are not on it, the user or the
   * page itself went there, and the run stops rather than act on (or repair against) a page it did not plan for.
   */
  private unconfirmed: string | undefined;
  private unconfirmedUrl = '';

  /** The executor answered from another document than the run's: a late page of the run's own action, or not. */
  private otherDocument(pageId: string, url: string): void {
    if (this.lastNavigating !== undefined && performance.now() - this.lastNavigating < LATE_NAVIGATION_MS) {
      this.pageId = pageId;
      this.unconfirmed = pageId;
      this.unconfirmedUrl = url;
      this.stale = true;
      return;
    }
    this.leave(pageChanged(url));
    throw this.left!;
  }

  /** Once the page has left the run's site (or stopped answering), every later call of this bridge is refused with the same error. */
  private left: PocketError | undefined;
  private leave(error: PocketError): void {
    this.left ??= error;
  }

  /** The origin the run started on (kept by the run across attempts; by default this document's). */
  private readonly origin: string | undefined;

  constructor(private readonly deps: PageBridgeDeps, doc: PageDocument, userValues: Iterable<string> = [], origin?: string) {
    this.origin = origin ?? originOf(doc.url);
    this.doc = doc;
    for (const value of userValues) this.addUserValue(value);
    // A repair whose fresh read of the page is on another site: nothing of this attempt may act there.
    if (this.origin && originOf(doc.url) && originOf(doc.url) !== this.origin) {
      this.leave(new NavigationError(`the page left ${this.origin} for ${originOf(doc.url)}: the run stops here`, { leftOrigin: true }));
    }
  }

  get doc(): PageDocument {
    return this.current;
  }

  /** The lists this bridge's calls reached, by the name they were used under, with the page they were on. */
  private readonly used = new Map<string, { list: ListEntry; url: string }>();

  /** The list `name` last reached (a saved script keeps its lists: see `remembered`), and the page it was on. */
  listUsed(name: string): { list: ListEntry; url: string } | undefined {
    return this.used.get(name);
  }

  /** The elements this bridge's calls reached, by the name the script used, with the page they were on. */
  private readonly usedElements = new Map<string, { element: ElementEntry; url: string }>();

  elementUsed(name: string): { element: ElementEntry; url: string } | undefined {
    return this.usedElements.get(name);
  }

  /** Names the page no longer has that a saved script's locators found (old name → the page's name now). */
  readonly renamed = new Map<string, string>();

  set doc(doc: PageDocument) {
    this.current = doc;
    this.stale = false;
    this.pageId = doc.pageId;
    for (const entry of entriesOf(doc)) this.seen.set(entry.name, { entry, pageId: doc.pageId });
  }

  /** A value the user gave in this run (task text pieces, ask() answers, saved-script parameters). */
  addUserValue(value: string): void {
    if (value.trim()) this.userValues.add(value.trim());
  }

  /**
   * The whole value, or a whole piece of it: `hunter2` from `log in with password hunter2`, never part of a word
   * (`pass`, `unter`), so a sensitive field gets what the user wrote, as they wrote it.
   */
  private isUserSupplied(text: string): boolean {
    const t = text.trim();
    if (!t) return false;
    const piece = new RegExp(`(?:^|[\\s"'“”‘’«»:=,;(\\[])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s"'“”‘’«»,;.:!?)\\]])`, 'u');
    for (const value of this.userValues) if (value === t || (t.length >= 4 && piece.test(value))) return true;
    return false;
  }

  /**
   * The entry `name` is: on the page read last; seen earlier in this run on this same document (a list the script
   * itself shrank); remembered by a saved script for this page; or seen earlier in this run on another page.
   */
  private entry(name: string, call?: string): { entry: Entry; remembered?: true } {
    const here = entriesOf(this.doc).find((e) => e.name === name);
    if (here) return { entry: here };
    const seen = this.seen.get(name);
    if (seen && this.doc.pageId && seen.pageId === this.doc.pageId) return { entry: seen.entry };
    const kept = this.deps.remembered?.(name, this.doc);
    // An element found by its saved locators stands in for one the page no longer has — not for `exists()`, whose
    // answer is that absence (review, session 24). A list is the page's own found by its saved locators (renamed by a
    // heading), or the list as saved, no longer a list here (shrunk into entries).
    if (kept && (kept.kind === 'list' || call !== 'exists')) {
      const own = entriesOf(this.doc).includes(kept);
      if (kept.name !== name && (kept.kind !== 'list' || own)) this.renamed.set(name, kept.name);
      return kept.kind === 'list' && own ? { entry: kept } : { entry: kept, remembered: true };
    }
    if (seen) return { entry: seen.entry };
    throw new NotFoundError(withNews(`no element named \`$${name}\` on the page now`, this.news()), { name });
  }

  /**
   * `$name` (a log entry's target) is a field the page document calls sensitive (a password, a card, a code), on the
   * page read last or earlier in this run. A list's field is not an entry of its own: never one.
   */
  sensitiveTarget(target: string): boolean {
    const written = /^\$([\p{L}\p{M}\p{N}_]+)$/u.exec(target)?.[1];
    if (!written) return false;
    // A name the page no longer has, found by its saved locators: the field it is now.
    const name = this.renamed.get(written) ?? written;
    const here = entriesOf(this.doc).find((e) => e.name === name) ?? this.seen.get(name)?.entry;
    return !!here && here.kind !== 'list' && here.sensitive === true;
  }

  /** The page read last has `name`: an entry, or an item of a list that was entries while smaller. */
  private onPage(name: string): boolean {
    return entriesOf(this.doc).some((e) => e.name === name) || !!itemNamed(this.doc, name);
  }

  /**
   * `item.open()` (a click with `open`) as a click on the item's opener (`openerSlot`). A row with no controls at all
   * takes the click itself (the executor passes it to a lone link); a row with controls none of which opens it is a
   * NotFound naming its fields, so a repair picks one (`.subject.click()`) instead of the row being clicked — the
   * inbox's <li> opened nothing, the todo's asked to "buy" Buy milk.
   */
  private opened(call: BridgeMethod, asked: BridgeTarget): BridgeTarget {
    const { open, ...target } = asked;
    if (!open || target.field !== undefined || target.index === undefined) return target;
    let entry: Entry;
    try {
      entry = this.entry(target.name, call).entry;
    } catch {
      return target; // not on the page: target() says so
    }
    if (entry.kind !== 'list') return target;
    const opener = openerSlot(entry);
    // A list of links (a menu's `li > a`): the row's own click already goes to its link, or to a row that has none.
    if (opener && opener === itemLink(entry)) return target;
    if (opener) return { ...target, field: opener.name };
    const controls = entry.slots.filter((slot) => slot.kind !== 'text');
    if (!controls.length) return target;
    const item = describeTarget(target);
    const fields = listScriptName(entry).fields ?? [];
    const example = openers(entry)[0]?.name ?? entry.fields[0] ?? fields[0];
    throw new NotFoundError(`${item} has no single control that opens it (its controls: ${controls.map((slot) => `${slot.name} (${slot.kind})`).join(', ')}); `
      + `act on the field you mean instead${example ? `, e.g. ${item}.${example}.click()` : ''} (fields: ${fields.join(', ')})`,
    { name: target.name, index: target.index, fields: fields.join(', '), noOpener: true });
  }

  /**
   * The slot a saved script's field of this list is now: the field the list had when the script was saved, at the same
   * place in the row and of the same kind, now named by its new label ("Add to cart" → "Buy").
   */
  private renamedSlot(entry: ListEntry, field: string): ListSlot | undefined {
    const kept = this.deps.savedSlots?.(entry.name, this.doc)?.find((s) => s.name === field);
    const same = kept ? entry.slots.filter((s) => s.selector === kept.selector && s.kind === kept.kind) : [];
    // Saved as the item's several labels, read as all of them still where today's items have one or two alike.
    return same.length === 1 ? { ...same[0]!, ...(kept!.repeated ? { repeated: true as const } : {}) } : undefined;
  }

  private target(call: BridgeCall): { target: ActTarget; entry: Entry; label: string } {
    const t = call.target!;
    const item = entriesOf(this.doc).some((e) => e.name === t.name) ? undefined : itemNamed(this.doc, t.name);
    if (item && t.index === undefined && !t.field) {
      // Its control, which the executor checks is still so named at that index.
      const slot = itemControlSlot(item.list);
      const found = this.target({ ...call, target: { name: item.list.name, index: item.index, ...(slot ? { field: slot.name } : {}) } });
      found.target.item = { ...found.target.item!, named: t.name };
      return found;
    }
    const { entry, remembered } = this.entry(t.name, call.call);
    if (entry.kind !== 'list') return { target: { locators: entry.locators, name: t.name }, entry, label: entry.description };
    // A list that shrank since the script was saved has lost items: a position written in the script may now be
    // another item (the fourth button of nine is not the fourth of eight when the second went).
    if (remembered && t.index !== undefined && t.position) {
      throw new NotFoundError(`$${entry.name}[${t.index}]: the list has changed since the script was saved (it is no longer a list on this page), so a position may name another item; find it by text with $${entry.name}.find("…"), or go through the items with for (const item of $${entry.name}) or .filter()`, { name: entry.name });
    }
    // Saved without the paths that told its items from the other links around them (list-items.ts): counting, finding
    // or going through it by its selector would take those too (a toolbar's, an infobox's links).
    if (remembered && entry.itemsInexact && (t.index !== undefined || call.call === 'count' || call.call === 'find')) {
      throw new NotFoundError(`$${entry.name}: the list is not on this page as a list now, and what the script saved of it reaches other items too (links around it), so its items cannot be told apart; the script needs repairing against the page as it is`, { name: entry.name, inexact: true });
    }
    const target: ActTarget = {
      locators: entry.locators, name: t.name, ...(t.field ? { field: t.field } : {}),
      // Each item's own path where no selector picks exactly the items the document counted (list-items.ts).
      item: { selector: entry.itemSelector, ...(entry.itemPaths ? { paths: entry.itemPaths } : {}), ...(t.index !== undefined ? { index: t.index } : {}), ...(t.holds !== undefined ? { holds: t.holds } : {}) },
      ...(remembered ? { strict: true } : {}),
    };
    if (t.field) {
      const slot = entry.slots.find((s) => s.name === t.field) ?? this.renamedSlot(entry, t.field);
      if (!slot) {
        throw new NotFoundError(`items of $${entry.name} have no field \`${t.field}\` (fields: ${entry.slots.map((s) => s.name).join(', ') || 'none'})`, { name: entry.name, field: t.field });
      }
      target.slot = slot.selector;
      if (slot.repeated) target.slotAll = true;
    } else if (call.call === 'click') {
      // A row around one link, shown to the model as a list of links (render.ts): clicking the row opens its link.
      const link = itemLink(entry);
      if (link && link.selector !== ':scope') Object.assign(target, { slot: link.selector, slotOrItem: true });
    }
    const sample = t.index !== undefined ? entry.samples[t.index] : undefined;
    const label = [t.field ?? '', sample ? Object.values(sample).join(' ') : '', entry.description].filter(Boolean).join(' · ');
    return { target, entry, label };
  }

  /**
   * Reads the page again when an action changed it and `name` is not in the document read before — or is a list whose
   * items are given by their paths (list-items.ts): those name the items as they were, not the rows a "Show more" or a
   * re-rendered pagination put there since (review, session 25: `find()` of an added link was null, `length` stayed).
   */
  private async freshFor(name: string): Promise<void> {
    if (!this.stale) return;
    const entry = entriesOf(this.doc).find((e) => e.name === name);
    if (!entry || (entry.kind === 'list' && entry.itemPaths)) await this.refresh(false);
  }

  /**
   * Reads the page again. After a navigation the new page needs a moment (the content script is injected again by
   * page.document), and until it commits the old document still answers, at the old address: a read counts as the new
   * page once its document id differs from the one the action ran in (`fromPage`), or — for a page without ids — at
   * the address the action reported; a "navigation" that never came (a download) is taken as the same page after 3 s.
   */
  private async refresh(navigated: boolean, url?: string, fromPage?: string): Promise<void> {
    const origin = this.origin;
    let lastError: unknown;
    for (let attempt = 0; attempt < (navigated ? 20 : 1); attempt++) {
      if (navigated) await new Promise((resolve) => setTimeout(resolve, 250));
      try {
        const doc = await this.readPage();
        this.stats.documentReads++;
        const arrived = fromPage && doc.pageId ? doc.pageId !== fromPage : !url || doc.url === url;
        if (!navigated || arrived || attempt >= 12) {
          // The run belongs to the site it started on: a page of another origin is not acted on (the user's values,
          // typed for this site, would go there).
          if (origin && originOf(doc.url) && originOf(doc.url) !== origin) {
            const left = new NavigationError(`the page left ${origin} for ${originOf(doc.url)}: the run stops here`, { leftOrigin: true });
            this.leave(left);
            throw left;
          }
          this.doc = doc;
          if (navigated) this.unconfirmed = undefined;
          return;
        }
      } catch (error) {
        if (!navigated || isErrorNamed(error, NavigationError) || isErrorNamed(error, PageUnresponsiveError)) throw error;
        lastError = error;
      }
    }
    // A click that "navigated" but after which no page can be read (the tab closed, the page never came back).
    if (navigated) throw new NavigationError(`the page could not be read after the action (${lastError instanceof Error ? lastError.message : 'it did not come back'})`);
  }

  /** The page was read for `names` and no other call came since. */
  private namesRead = false;

  /** The last page-changing action (its number in this attempt, when its answer came), and the one after which a late
   * name was last waited for. */
  private lastAction: { seq: number; at: number } | undefined;
  /** The page as read before the last page-changing action: what it says since is news (page-news.ts). */
  private beforeLastAction: PageDocument | undefined;

  /** A name or element not found after an action: with what the page says since (why it did not go on). */
  private withPageNews(error: unknown): unknown {
    if (!isErrorNamed(error, NotFoundError) || /after the last action the page says/.test(error.message)) return error;
    const news = this.news();
    return news.length ? new NotFoundError(withNews(error.message, news), (error as NotFoundError).data) : error;
  }

  /** What the page says since the last action that it did not before (read last: refreshed when it changed). */
  news(): string[] {
    return this.beforeLastAction && this.beforeLastAction !== this.doc ? pageNews(this.beforeLastAction, this.doc) : [];
  }
  private lateWaitedAfter = 0;
  /** The last click on a named element and the page it was made on: a page it leads to late is a site edge too. */
  private lastClick: { name: string; from: PageDocument } | undefined;
  /**
   * The fields this run has typed into on the page at `url` since its last click or key press there: what going to
   * another page for a name would throw away unsent (explorer, session 32).
   */
  private filled: { url: string; names: string[] } | undefined;

  /**
   * `name` resolves without the page changing further: it is on the page, on this same document earlier, or kept by a
   * saved script (a list; an element its saved locators find here — not for `exists()`, see `entry` — and not while
   * `settling`: right after a page-changing action the page may not have drawn what comes next yet, and the element
   * the locators find is the one before it: a wizard's step 1 "Continue" where step 2's shares its id; review 3).
   */
  private resolvableHere(name: string, call?: string, settling = false): boolean {
    if (this.onPage(name)) return true;
    const seen = this.seen.get(name);
    if (seen && this.doc.pageId && seen.pageId === this.doc.pageId) return true;
    const kept = this.deps.remembered?.(name, this.doc);
    return !!kept && (kept.kind === 'list' || (call !== 'exists' && !settling));
  }

  /** A page-changing action answered less than LATE_NAME_MS ago: what it brings may still be on its way. */
  private settling(): boolean {
    return !!this.lastAction && performance.now() - this.lastAction.at < LATE_NAME_MS;
  }

  /**
   * A slow page brings what the script names next only a while after the action: the next page once its server
   * answered (`fetch`, then `location = …`), a panel once its data came. Within LATE_NAME_MS of the last
   * page-changing action, a name the page does not have yet is waited for — the page read again, at growing
   * intervals — once per action, so a misspelt name (or `exists()` on one that never comes) costs that wait once.
   * `until` (performance.now()): waitFor()'s deadline, which it waits up to whether or not an action came before.
   */
  private async lateName(name: string, call?: string, until?: number): Promise<void> {
    const last = this.lastAction;
    if (this.resolvableHere(name, call, this.settling())) return;
    if (until === undefined) {
      if (!last || this.lateWaitedAfter === last.seq) return;
      this.lateWaitedAfter = last.seq;
    }
    const startPage = this.doc.pageId;
    let pause = LATE_NAME_POLL_MS;
    // A page that has not changed at all for LATE_NAME_QUIET_MS (its requests were waited for with the action) is not
    // bringing anything: a misspelt name is not waited for the whole window.
    let shape = documentShape(this.doc);
    let sameSince = performance.now();
    const watching = () => (until !== undefined
      ? performance.now() < until
      : performance.now() - last!.at + pause < LATE_NAME_MS && performance.now() - sameSince < LATE_NAME_QUIET_MS);
    while (watching()) {
      await new Promise((resolve) => setTimeout(resolve, until !== undefined ? Math.min(pause, until - performance.now()) : pause));
      pause = Math.min(LATE_NAME_POLL_MAX_MS, Math.round(pause * 1.5));
      if (this.closed) throw new AbortError('this attempt has ended: its actions no longer run');
      if (this.left) throw this.left;
      const runPage = this.pageId ?? this.doc.pageId;
      try {
        await this.refresh(false);
      } catch (error) {
        // Leaving the site stops the run; a page between documents (navigating) is read again, and is not quiet.
        if (isErrorNamed(error, NavigationError)) throw error;
        sameSince = performance.now();
        continue;
      }
      // Another document, with no action of this attempt that could have opened it (waitFor() as the first call: the
      // user or the site went elsewhere meanwhile): not the run's page (review 3).
      if (this.lastNavigating === undefined && runPage && this.doc.pageId && this.doc.pageId !== runPage) {
        this.leave(pageChanged(this.doc.url));
        throw this.left!;
      }
      if (this.doc.pageId !== startPage && this.lastClick && this.lastClick.from.url !== this.doc.url) {
        this.deps.onNavigated?.(this.lastClick.from, this.lastClick.name, this.doc);
        this.lastClick = undefined;
      }
      if (this.resolvableHere(name, call, this.settling())) {
        this.unconfirmed = undefined;
        return;
      }
      const now = documentShape(this.doc);
      if (now !== shape) {
        shape = now;
        sameSince = performance.now();
      }
    }
  }

  async call(call: BridgeCall): Promise<ExportedValue> {
    try {
      return await this.callOnce(call);
    } catch (error) {
      // A name the script uses is not on a page the run only took for its own: it was not (see `unconfirmed`).
      if (isErrorNamed(error, NotFoundError) && this.unconfirmed !== undefined && this.unconfirmed === this.pageId) {
        this.leave(pageChanged(this.unconfirmedUrl));
        throw this.shownError(this.left!);
      }
      throw this.shownError(error);
    }
  }

  /** An error as the script gets it: a secret's value in its message or data (an option the page quotes) as its token. */
  private shownError(error: unknown): unknown {
    const guard = this.deps.secretGuard;
    if (!guard || !(error instanceof Error)) return error;
    error.message = guard.shown(error.message);
    const data = (error as PocketError).data;
    if (data) Object.assign(error, { data: guard.shown(data) });
    return error;
  }

  private async callOnce(call: BridgeCall): Promise<ExportedValue> {
    if (call.call !== 'names') this.namesRead = false;
    // A typed or chosen text's place is judged once its element is found (below); anything else holding a secret goes nowhere.
    if (call.call !== 'type' && call.call !== 'select') this.deps.secretGuard?.check({ call: call.call, args: call.args, ...(call.target ? { target: call.target } : {}) });
    // Texts held are what the page shows only until something may have changed it, or the script waited for it to.
    if (!KEEPS_COLUMNS.has(call.call)) this.columns.forget();
    if (call.call === 'wait') return null;
    const held = this.heldText(call);
    if (held !== undefined) {
      this.reads.held++;
      return this.deps.secretGuard ? this.deps.secretGuard.shown(held, { call: call.call, args: call.args, target: call.target! }) : held;
    }
    switch (call.call) {
      case 'say':
        this.deps.say(String(call.args[0] ?? ''));
        return null;
      case 'ask': {
        const answer = await this.userWait(() => this.deps.ask(String(call.args[0] ?? '')));
        this.addUserValue(answer);
        return this.deps.secretGuard ? this.deps.secretGuard.shown(answer) : answer;
      }
      case 'names': {
        // A name the run did not start with: read the page again, it may have changed (step 2 of a form) — unless
        // nothing happened since the last such read (a loop over an unknown name would read the page every step).
        if (!this.namesRead) await this.refresh(false).catch(() => undefined);
        this.namesRead = true;
        const wanted = call.args[0];
        if (typeof wanted === 'string' && wanted) await this.lateName(wanted);
        // What the page says may echo a value the user gave (a code it says expired): shown as its token.
        const guard = this.deps.secretGuard;
        const news = this.news().map((item) => (guard ? String(guard.shown(item)) : item));
        const names = scriptNames(this.doc) as unknown as ExportedValue;
        return news.length ? { names, news } as unknown as ExportedValue : names;
      }
      case 'navigate': {
        const path = String(call.args[0] ?? '');
        if (this.deps.beforeAction) await this.userWait(() => this.deps.beforeAction!({ action: 'navigate', target: path, locators: [] }));
        const request: ActRequest = { action: 'navigate', args: [path] };
        // Going to "/logout" by address is as irreversible as clicking a link there — spelt `/l%6Fgout` too, since
        // servers decode it; an address that does not decode is asked about.
        const decoded = decodedAddress(path);
        const verdict = decoded === undefined
          ? { irreversible: true, reason: 'its address cannot be read plainly' }
          : classifyAction({ action: 'click', label: '', effect: `goes to ${decoded}` });
        if (verdict.irreversible) await this.askConfirmation(request, `navigate(${JSON.stringify(path.slice(0, 100))})`, path, verdict.reason ?? 'it cannot be undone');
        const reply = await this.act(request);
        this.stats.actions++;
        await this.refresh(reply.navigated, reply.url, reply.pageId ?? this.doc.pageId);
        // A page the site says is not there (404) or failed (500) is no page to go on with (explorer, session 32: "done").
        const status = this.doc.httpStatus;
        if (status !== undefined && status >= 400) {
          throw new NavigationError(`navigate(${JSON.stringify(path.slice(0, 200))}): the site answered ${status} (${status === 404 ? 'no such page' : 'an error'}); `
            + 'use a path of a page the site has (its links show them)', { status, url: this.doc.url });
        }
        return null;
      }
      default:
        break;
    }
    if (!call.target) throw new NotFoundError(`${call.call}() needs an element`);
    // waitFor(): a name the page has not shown yet is waited for up to its timeout, the page read again meanwhile (a
    // name from another state of the page, a saved script, or a guess); then the executor waits out the rest.
    const waitMs = call.call === 'waitFor' ? Math.max(0, Math.min(MAX_WAIT_FOR_MS, Number(call.args[0] ?? WAIT_FOR_MS) || 0)) : undefined;
    const until = waitMs === undefined ? undefined : performance.now() + waitMs;
    await this.freshFor(call.target.name);
    await this.reach(call.target.name, call.call, until);
    await this.freshFor(call.target.name);
    if (waitMs !== undefined) {
      await this.lateName(call.target.name, call.call, until);
      if (!this.resolvableHere(call.target.name, call.call)) {
        const { suggestion } = suggestPageName(call.target.name, scriptNames(this.doc).map((n) => n.name));
        throw new NotFoundError(`\`$${call.target.name}\` did not appear on the page within ${waitMs} ms${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          { name: call.target.name, ...(suggestion ? { suggestion } : {}) });
      }
    }
    call.target = this.opened(call.call, call.target);
    let found: ReturnType<PageBridge['target']>;
    try {
      found = this.target(call);
    } catch (error) {
      // A name the script knows (a saved script's element) that this page does not have: that is exists()'s answer.
      if (call.call === 'exists' && isErrorNamed(error, NotFoundError) && !call.target.field && call.target.index === undefined) return false;
      throw error;
    }
    let { target, entry, label } = found;
    const description = describeTarget(call.target);
    const written = until !== undefined ? [Math.max(0, Math.round(until - performance.now())), waitMs!]
      : call.args.filter((a): a is string | number => typeof a === 'string' || typeof a === 'number').slice(0, 4);
    const request: ActRequest = { action: call.call as ActRequest['action'], target, args: written };
    // After an action of this attempt, waitFor() on a message waits for what that action brought (executor).
    if (call.call === 'waitFor' && this.lastAction) request.afterAction = true;
    // A secret's token typed or chosen whole becomes its value here, on an element it may go to (secret-guard.ts).
    const fill = (on: Entry): SecretCheck | undefined => {
      const checked = call.call === 'type' || call.call === 'select' ? this.deps.secretGuard?.check({ call: call.call, args: written, target: call.target!, entry: on }) : undefined;
      request.args = checked ? checked.args.filter((a): a is string | number => typeof a === 'string' || typeof a === 'number') : written;
      if (call.call === 'type' && (checked?.filled || this.isUserSupplied(String(request.args[0] ?? '')))) request.userSupplied = true;
      if (checked?.onlyIntoSecretInput) request.secretInput = true;
      else delete request.secretInput;
      return checked;
    };
    let secret = fill(entry);
    const acting = ['click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'scroll'].includes(call.call);
    if (acting) {
      this.deps.onTarget?.(target.locators, description);
      if (this.deps.beforeAction) await this.userWait(() => this.deps.beforeAction!({ action: call.call, target: description, locators: target.locators }));
    }

    // The document's view of the element decides first; the executor checks the live element again.
    const toggle = entry.kind !== 'list' && TOGGLES.has(entry.kind);
    const verdict = toggle ? { irreversible: false } : classifyAction({
      action: call.call, label: `${entry.description} ${call.target.field ?? ''}`, effect: entry.kind === 'list' ? undefined : entry.effect,
      // A search form's button (GET, marked as a search; "submits recherche" says neither): the executor checks the live form.
      searchForm: entry.kind !== 'list' && entry.searches === true,
      readsOnly: entry.kind !== 'list' && entry.reads === true,
    });
    // The executor asks with the live element's label; the user confirms what is on the page at that moment.
    if (verdict.irreversible) request.mustConfirm = verdict.reason ?? 'cannot be undone';

    let reply: ActReply;
    try {
      try {
        reply = await this.readColumn(call, request, entry) ?? await this.act(request);
      } catch (error) {
        // Found by locators the page has moved on from: read it again (unless a late submission just did) and try once more.
        const movedOn = isErrorNamed(error, NotFoundError) && (error as NotFoundError).data?.movedOn === true;
        if (!movedOn && (!this.stale || !isErrorNamed(error, NotFoundError))) throw error;
        if (!movedOn) await this.refresh(false);
        ({ target, entry, label } = this.target(call));
        secret = fill(entry);
        request.target = target;
        reply = await this.act(request);
      }
    } catch (error) {
      if (isErrorNamed(error, ActionError) && error.data?.needsConfirmation && !request.confirmed) {
        reply = await this.confirmAndAct(request, description, error, label);
      } else if (isErrorNamed(error, ContentScriptError) && (call.call === 'click' || call.call === 'press')) {
        // The page went away while answering: a click (or Enter) that navigated.
        reply = { changed: true, navigated: true, url: '' };
      } else if (secret?.onlyIntoSecretInput && isErrorNamed(error, ActionError) && error.data?.secretInput === false) {
        // The live field is no password, card or code input (the page changed it since it was read).
        throw secret.onlyIntoSecretInput;
      } else {
        throw this.withPageNews(withoutField(error, call.target) ?? error);
      }
    }
    if (acting) this.stats.actions++;
    if (FILLS.has(call.call)) {
      const names = this.filled?.url === this.doc.url ? this.filled.names : [];
      const name = describeTarget(call.target);
      this.filled = { url: this.doc.url, names: names.includes(name) ? names : [...names, name] };
    } else if (call.call === 'click' || call.call === 'press') {
      this.filled = undefined;
    }
    if (reply.generation && !acting) this.columns.readAt(this.doc, reply.generation);
    // A list the call reached (one that was not there, `exists()` false, is not one to keep).
    if (!(call.call === 'exists' && reply.value === false)) {
      if (entry.kind === 'list') this.used.set(entry.name, { list: entry, url: this.doc.url });
      else if (!call.target.index && !call.target.field) this.usedElements.set(call.target.name, { element: entry, url: this.doc.url });
    }
    if (reply.navigated || (reply.changed && reply.url && reply.url !== this.doc.url)) {
      const before = this.doc;
      await this.refresh(reply.navigated, reply.url || undefined, reply.pageId ?? this.doc.pageId);
      if (call.call === 'click' && this.doc.url !== before.url) this.deps.onNavigated?.(before, call.target.name, this.doc);
      this.lastClick = undefined;
    } else {
      if (reply.changed) this.stale = true;
      // A click whose page may come late (lateName records the edge if it does).
      this.lastClick = call.call === 'click' && acting ? { name: call.target.name, from: this.doc } : undefined;
    }
    // What the page gives back holds no secret's value: its token (secret-guard.ts).
    return this.deps.secretGuard ? this.deps.secretGuard.shown(reply.value ?? null, { call: call.call, args: call.args, target: call.target }) : reply.value ?? null;
  }

  /** A `text()` of a list item whose text is held (read-columns.ts): nothing since has said the page may have changed. */
  private heldText(call: BridgeCall): string | undefined {
    const t = call.target;
    if (call.call !== 'text' || !t || t.index === undefined || t.holds !== undefined || t.open || this.closed || this.left) return undefined;
    return this.columns.text(this.doc, t.name, t.field, t.index);
  }

  /**
   * `text()` of a list item as one `texts` round trip: its text, and those of the items after it, which are held for
   * the reads that follow (a script going through the list). Undefined where the single read decides: it waits for an
   * item or field not there yet, and says what is missing.
   */
  private async readColumn(call: BridgeCall, request: ActRequest, entry: Entry): Promise<ActReply | undefined> {
    const t = call.target!;
    const item = request.target?.item;
    if (call.call !== 'text' || entry.kind !== 'list' || !item || item.index === undefined || item.holds !== undefined
      || item.named !== undefined || request.target!.slotOrItem) return undefined;
    const doc = this.doc;
    // Held only for a list of the page as read now (not one a saved script remembers: a position written in the script
    // is refused there, see target()); another list's texts would be read only to be dropped.
    if (!entriesOf(doc).includes(entry)) return undefined;
    const { index, ...list } = item;
    const epoch = this.columns.now;
    let reply: ActReply;
    try {
      this.reads.columns++;
      reply = await this.act({ ...request, action: 'texts', target: { ...request.target!, item: list }, args: [index, this.columns.size(t.name, t.field)] });
    } catch (error) {
      // Only what is missing is the single read's to say; anything else is said once (a form the page sent late, the
      // user's Cancel of it, a page gone off-site) and would be lost behind a second request (review, session 28).
      if (!isErrorNamed(error, NotFoundError) || (error as NotFoundError).data?.movedOn === true) throw error;
      return undefined;
    }
    const { column, ...read } = reply;
    if (typeof read.value !== 'string') return undefined;
    if (column && this.doc === doc && this.columns.keep(epoch, doc, t.name, t.field, column)) this.watch(column.generation);
    return read;
  }

  /** Waits, beside the run, for the page to change since `generation`; then what was read at it is no longer served. */
  private watch(generation: string): void {
    if (this.watching.has(generation) || this.closed) return;
    this.watching.add(generation);
    const pageId = this.pageId ?? this.doc.pageId;
    const request: ActRequest = {
      action: 'watch', args: [generation, WATCH_MAX_MS], ...(this.origin ? { expectedOrigin: this.origin } : {}), ...(pageId ? { expectedPageId: pageId } : {}),
    };
    const held = this.reads.held;
    // Any answer but "not changed" (another page now, no answer) counts as a change. Unchanged, the page is watched on
    // while the script still reads what is held; texts no longer read go, as nothing watches them any more.
    void (this.deps.watch ?? this.deps.act)(request).then((reply) => reply.value !== false, () => true).then((changed) => {
      this.watching.delete(generation);
      if (changed) this.columns.pageChanged(generation);
      else if (this.closed || this.reads.held === held) this.columns.release(generation);
      else if (this.columns.holds(generation)) this.watch(generation);
    });
  }

  /**
   * A name that is not on the page now: waited for when the page may still bring it (lateName), else, when the site
   * document places it on another page, clicked to along the recorded path. Those clicks are ordinary actions
   * (counted, confirmed when irreversible, logged by the executor).
   */
  private reaching = false;
  private async reach(name: string, call?: string, until?: number): Promise<void> {
    if (this.onPage(name)) return;
    // A step of a way being clicked along: its page may come late; it is not looked for elsewhere. `exists()` asks
    // about this page: it never goes to another to answer (`if ($x.exists())` would leave the script stranded there).
    if (this.reaching || call === 'exists') return this.lateName(name, call, until);
    let steps = this.deps.route ? await this.deps.route(name, this.doc) : null;
    // The page may still bring it (the next page of the click just made, a late panel): wait first, unless the way
    // there starts with another click than that one (clicking that one again would act twice).
    if (!steps?.length || steps[0]!.replace(/\[\d{1,5}\]$/, '') === this.lastClick?.name) {
      const page = this.doc.pageId;
      await this.lateName(name, call, until);
      if (!steps?.length || this.onPage(name)) return;
      if (this.doc.pageId !== page) steps = await this.deps.route!(name, this.doc);
      if (!steps?.length) return;
    }
    // A tab panel of this page not shown (a view) is no other page: what was typed stays.
    const inView = this.doc.views?.some((view) => view.sections.some((section) => section.entries.some((entry) => entry.name === name)));
    const filled = this.filled?.url === this.doc.url && !inView ? this.filled.names : [];
    if (filled.length) {
      throw new ActionError(`\`$${name}\` is on another page of the site (the way there starts with \`$${steps[0]}\`): going there now would `
        + `throw away what this run typed into ${filled.map((n) => `\`${n}\``).join(', ')} on this page, which is not sent yet. Finish this page `
        + 'first (send its form), or use the other page before filling this one', { elsewhere: name, unsent: filled });
    }
    this.reaching = true;
    try {
      for (const step of steps) {
        // The sandbox counts the script's own actions; clicks made to reach a name (a read can set them off) are
        // counted here, so reading names on two pages in a loop cannot click back and forth without end.
        if (this.stats.autoNavigations >= MAX_AUTO_NAVIGATIONS) {
          throw new BudgetError(`more than ${MAX_AUTO_NAVIGATIONS} clicks to reach names on other pages in one attempt`, { budget: 'actions', limit: MAX_AUTO_NAVIGATIONS });
        }
        // A step may be a list's item (`tabs[3]`: a tab of a long tab strip).
        const item = /^(.+)\[(\d{1,5})\]$/.exec(step);
        try {
          await this.call({ call: 'click', target: item ? { name: item[1]!, index: Number(item[2]) } : { name: step }, args: [] });
        } catch (error) {
          // The script never named that step: say what it asked for, and that the recorded way is what broke.
          if (!isErrorNamed(error, NotFoundError)) throw error;
          throw new NotFoundError(`\`$${name}\` is on another page of the site, but the recorded way there is broken: \`$${step}\` is not on `
            + 'the page now (it changed since that way was recorded). Reach that page through the links this page has now, or with navigate(path)',
          { name, brokenStep: step });
        }
        this.stats.autoNavigations++;
        this.deps.onRouteStep?.(step, name);
      }
    } finally {
      this.reaching = false;
    }
  }

  /**
   * Asks the user about what the executor found on the page (its label, reason and fingerprint), then acts on exactly
   * that element; one that changed meanwhile is asked about once more, then the action fails.
   */
  private async confirmAndAct(request: ActRequest, description: string, asked: ActionError, fallbackLabel: string): Promise<ActReply> {
    let question = asked;
    for (let round = 0; ; round++) {
      request.confirmed = false;
      await this.askConfirmation(request, description, String(question.data?.label ?? fallbackLabel), String(question.data?.reason ?? 'it cannot be undone'));
      const fingerprint = question.data?.fingerprint;
      if (typeof fingerprint === 'string') request.fingerprint = fingerprint;
      try {
        return await this.act(request);
      } catch (error) {
        if (isErrorNamed(error, ContentScriptError)) return { changed: true, navigated: true, url: '' };
        if (round === 0 && isErrorNamed(error, ActionError) && error.data?.needsConfirmation) {
          question = error;
          continue;
        }
        throw error;
      }
    }
  }

  private async askConfirmation(request: ActRequest, target: string, label: string, reason: string): Promise<void> {
    const ok = await this.userWait(() => this.deps.confirm({ target, action: request.action, label: label.slice(0, 300), reason, locators: request.target?.locators ?? [] }));
    if (!ok) {
      this.stats.cancelled++;
      throw new ActionError(`the user cancelled ${request.action} on ${target}`, { cancelled: true });
    }
    this.stats.confirmed++;
    request.confirmed = true;
  }
}
