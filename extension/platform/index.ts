/**
 * The only module that touches `browser`/`chrome`. Everything else asks for what it needs through these functions,
 * so the rest of the code is testable in Node and portable.
 */
import browser from 'webextension-polyfill';
import type { Envelope } from '../protocol/envelope.ts';
import type { Dispatcher } from '../protocol/dispatcher.ts';
import type { Self, SenderFacts } from '../protocol/senders.ts';
import { openStream, type PortLike } from '../protocol/stream.ts';
import { streamRoutes } from '../protocol/messages.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../protocol/schemas.ts';
import { requestVia } from '../protocol/client.ts';
import type { Kind, RequestOf, ResponseOf } from '../protocol/messages.ts';

export function extensionSelf(): Self {
  return { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('')).origin };
}

export const extensionUrl = (path: string): string => browser.runtime.getURL(path);
export const extensionVersion = (): string => browser.runtime.getManifest().version;

function senderFacts(sender: browser.Runtime.MessageSender): SenderFacts {
  return { id: sender.id, origin: (sender as { origin?: string }).origin, tab: sender.tab, frameId: sender.frameId };
}

/** Registers a dispatcher on runtime messages; kinds for other receivers are declined synchronously. */
export function listenForMessages(dispatcher: Dispatcher): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) =>
    dispatcher.accepts(message) ? dispatcher.dispatch(message, senderFacts(sender)) : undefined);
}

/** Other extensions and web pages get an answer too: always the named rejection from the dispatcher. */
export function listenForExternalMessages(dispatcher: Dispatcher): void {
  browser.runtime.onMessageExternal.addListener((message: unknown, sender: browser.Runtime.MessageSender) =>
    dispatcher.dispatch(message, senderFacts(sender)));
}

export const sendRuntimeMessage = (envelope: Envelope): Promise<unknown> => browser.runtime.sendMessage(envelope);

export const sendTabMessage = (tabId: number, envelope: Envelope, frameId = 0): Promise<unknown> =>
  browser.tabs.sendMessage(tabId, envelope, { frameId });

export function connectPort(name: string): PortLike {
  return browser.runtime.connect({ name });
}

export function listenForPorts(onPort: (name: string, port: PortLike, sender: SenderFacts) => void): void {
  browser.runtime.onConnect.addListener((port) => onPort(port.name, port, port.sender ? senderFacts(port.sender) : {}));
}

export async function injectContentScript(tabId: number): Promise<void> {
  // With the page-world guard (content/submit-guard/), in place before anything is asked of the content script. A
  // page where it cannot go is still read and acted on, without it (as before there was one).
  await Promise.all([
    browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['submit-guard.js'], world: 'MAIN' }).catch(() => undefined),
    browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['content.js'] }),
  ]);
}

export interface TabFacts {
  id: number;
  windowId: number;
  url: string | undefined;
  title: string | undefined;
}
export async function getTab(tabId: number): Promise<TabFacts> {
  const tab = await browser.tabs.get(tabId);
  return { id: tab.id ?? tabId, windowId: tab.windowId ?? -1, url: tab.url, title: tab.title };
}

export interface MenuItem {
  id: string;
  title: string;
  contexts: ('page' | 'link' | 'image' | 'editable' | 'selection' | 'frame')[];
  /** Match patterns of the documents (pages, frames) the item is shown on; without, on every document. */
  documentUrlPatterns?: string[];
}
export interface MenuClick {
  menuItemId: string;
  selectionText: string | undefined;
  tabId: number | undefined;
  /** The address of the page clicked on, which Chrome gives here even where it hides the tab's from us. */
  pageUrl?: string | undefined;
}
export async function replaceContextMenus(items: MenuItem[]): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of items) browser.contextMenus.create(item);
}
export function onContextMenuClick(listener: (click: MenuClick) => void): void {
  browser.contextMenus.onClicked.addListener((info, tab) =>
    listener({ menuItemId: String(info.menuItemId), selectionText: info.selectionText, tabId: tab?.id, pageUrl: info.pageUrl }));
}

export function onCommand(listener: (command: string, tabId: number | undefined) => void): void {
  browser.commands.onCommand.addListener((command, tab) => listener(command, tab?.id));
}

/** Installed, updated (a new version; the model host and its runs went away with the old one), or Chrome updated. */
export function onInstalled(listener: (reason: string) => void): void {
  browser.runtime.onInstalled.addListener((details) => listener(details.reason));
}

/** The toolbar button's badge and tooltip on one tab ('' and undefined: none, and the manifest's title). */
export async function setTabBadge(tabId: number, text: string, title?: string): Promise<void> {
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  await browser.action.setTitle({ tabId, title: title ?? browser.runtime.getManifest().action?.default_title ?? '' });
}

/** A tab was closed; returns the unsubscribe. */
export function onTabRemoved(listener: (tabId: number) => void): () => void {
  const handler = (tabId: number) => listener(tabId);
  browser.tabs.onRemoved.addListener(handler);
  return () => browser.tabs.onRemoved.removeListener(handler);
}

/**
 * The tab finished loading a page (a navigation, a reload, a hash change) — with `titles`, also when its title
 * changed; returns the unsubscribe.
 */
export function onTabLoaded(tabId: number, listener: () => void, titles = false): () => void {
  const handler = (id: number, change: browser.Tabs.OnUpdatedChangeInfoType) => {
    if (id === tabId && (change.status === 'complete' || (titles && change.title !== undefined))) listener();
  };
  browser.tabs.onUpdated.addListener(handler);
  return () => browser.tabs.onUpdated.removeListener(handler);
}

/**
 * The tab the user looks at in this page's window changed. A page shown as a tab itself (tests open the side panel
 * that way) never follows itself. Returns the unsubscribe.
 */
export function onActiveTabChanged(listener: (tabId: number) => void): () => void {
  let windowId: number | undefined;
  let ownTabId: number | undefined;
  const ready = Promise.all([
    browser.windows.getCurrent().then((w) => { windowId = w.id; }, () => undefined),
    browser.tabs.getCurrent().then((tab) => { ownTabId = tab?.id; }, () => undefined),
  ]);
  const handler = (info: browser.Tabs.OnActivatedActiveInfoType) => {
    void ready.then(() => {
      if (info.windowId === windowId && info.tabId !== ownTabId) listener(info.tabId);
    });
  };
  browser.tabs.onActivated.addListener(handler);
  return () => browser.tabs.onActivated.removeListener(handler);
}

/** The browser started with this profile (not fired on install or update). */
export function onStartup(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
}

/**
 * sidePanel.open must run synchronously inside the user gesture (context-menu click, command), so these return
 * promises the caller may ignore but never awaits before opening.
 */
export function bindSidePanel(tabId: number, path: string): Promise<void> {
  return chrome.sidePanel.setOptions({ tabId, path, enabled: true });
}
export function openSidePanel(tabId: number): Promise<void> {
  return chrome.sidePanel.open({ tabId });
}
/**
 * Opens the side panel from a click in an extension page (the popup's "Open side panel"): on `tabId`, bound to it at
 * `path` first (as the background does for the shortcut and the menu), else for the whole window `windowId`. Chrome
 * takes sidePanel.open only inside the user gesture, so both calls go out before anything is awaited: call this
 * straight from the click handler, with the target read beforehand.
 */
export function openSidePanelFromClick(target: { tabId: number; path: string } | { windowId: number }): Promise<void> {
  if ('windowId' in target) return chrome.sidePanel.open({ windowId: target.windowId });
  const binding = chrome.sidePanel.setOptions({ tabId: target.tabId, path: target.path, enabled: true });
  const opening = chrome.sidePanel.open({ tabId: target.tabId });
  return Promise.all([binding, opening]).then(() => undefined);
}
/** The window this page is shown in (a popup's: the window whose toolbar icon was clicked). */
export async function currentWindowId(): Promise<number | undefined> {
  return (await browser.windows.getCurrent().catch(() => undefined))?.id;
}
export async function sidePanelPath(tabId: number): Promise<string | undefined> {
  return (await chrome.sidePanel.getOptions({ tabId })).path;
}

export async function offscreenDocumentExists(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
  return contexts.length > 0;
}
export function createOffscreenDocument(path: string, justification: string): Promise<void> {
  return chrome.offscreen.createDocument({ url: path, reasons: [chrome.offscreen.Reason.WORKERS], justification });
}
export function closeOffscreenDocument(): Promise<void> {
  return chrome.offscreen.closeDocument();
}

/** storage.session: survives service-worker restarts, cleared when the browser closes; fine for UI intents. */
export async function sessionGet<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.session.get(key))[key] as T | undefined;
}
export async function sessionRemove(key: string): Promise<void> {
  await browser.storage.session.remove(key);
}
/** Calls `listener` with the new value each time `key` is set in storage.session; returns the unsubscribe. */
export function onSessionChange<T>(key: string, listener: (value: T) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && changes[key]?.newValue !== undefined) listener(changes[key]!.newValue as T);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
export async function sessionSet(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}

/** The panels' drafts (ui/draft.ts) in storage.local or storage.session, under one key per area. */
const DRAFTS_KEY = 'ui.drafts';
export const draftStore = {
  async load(area: 'local' | 'session'): Promise<Record<string, unknown> | undefined> {
    return (await browser.storage[area].get(DRAFTS_KEY))[DRAFTS_KEY] as Record<string, unknown> | undefined;
  },
  async save(area: 'local' | 'session', values: Record<string, unknown>): Promise<void> {
    await browser.storage[area].set({ [DRAFTS_KEY]: values });
  },
};

/** The active tab of the last focused window; never the calling page's own tab (a panel opened as a tab). */
export async function activeTabId(): Promise<number | undefined> {
  const [[tab], own] = await Promise.all([
    browser.tabs.query({ active: true, lastFocusedWindow: true }),
    browser.tabs.getCurrent().catch(() => undefined),
  ]);
  return tab?.id !== undefined && tab.id !== own?.id ? tab.id : undefined;
}

/**
 * The active tab of the window this page is shown in (a side panel's window, which need not be the one focused last);
 * never the calling page's own tab (a panel opened as a tab).
 */
export async function activeTabIdInCurrentWindow(): Promise<number | undefined> {
  const [window, own] = await Promise.all([
    browser.windows.getCurrent().catch(() => undefined),
    browser.tabs.getCurrent().catch(() => undefined),
  ]);
  if (window?.id === undefined) return undefined;
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id });
  return tab?.id !== undefined && tab.id !== own?.id ? tab.id : undefined;
}

export async function openTab(url: string): Promise<number | undefined> {
  return (await browser.tabs.create({ url })).id;
}

/**
 * A request whose answer was lost: the background (or the model host) stopped after taking it and before replying —
 * Chrome stops an idle service worker, and a reply in flight goes with it. What was asked may have been done.
 */
export function unanswered(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'InternalError') return /^no receiver answered/.test(error.message);
  return !('data' in error) && /message channel closed before a response|message port closed before a response/i.test(error.message);
}

/** Typed request from any extension context to the receiver its kind names. */
export function request<K extends Kind>(kind: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return requestVia(sendRuntimeMessage, kind, payload);
}

export function requestTab<K extends Kind>(tabId: number, kind: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return requestVia((envelope) => sendTabMessage(tabId, envelope), kind, payload);
}

/** Opens a streamed generation on the background; aborting (or closing the page) stops it in the model worker. */
export function generate(
  payload: GenerateRequestPayload,
  onEvent: (event: GenerateEvent) => void,
  signal?: AbortSignal,
): Promise<GenerateResult> {
  return openStream(connectPort('generate'), streamRoutes.generate, payload, onEvent, signal);
}

export async function storageEstimate(): Promise<{ usage: number; quota: number }> {
  const estimate = await navigator.storage.estimate();
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
}

/** Asks the user for access to these origins (needs a user gesture); false when refused or not needed. */
export async function requestHostPermissions(origins: string[]): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}
