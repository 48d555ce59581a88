import {
  closeOffscreenDocument, extensionSelf, listenForExternalMessages, listenForMessages, onCommand, onContextMenuClick,
  onInstalled, onStartup, onTabRemoved, replaceContextMenus, sidePanelPath,
} from '../platform/index.ts';
import { forgetClosedTab } from './closed-tabs.ts';
import { createDispatcher } from '../protocol/dispatcher.ts';
import type { SenderFacts } from '../protocol/senders.ts';
import { handleMenuClick, menuRegistrations } from './context-menus.ts';
import { listenForGenerationPorts } from './generate.ts';
import { backgroundHandlers } from './handlers.ts';
import { pageAnswerLimits } from './page-limits.ts';
import { callModelHost } from './model-host.ts';
import { openPanelFor } from './side-panel.ts';
import { resumeInterruptedWork } from './startup.ts';

const dispatcher = createDispatcher('background', extensionSelf, backgroundHandlers);

// Listeners are registered synchronously at the top level so a restarted service worker receives the waking event.
listenForMessages(dispatcher);
listenForExternalMessages(dispatcher);
listenForGenerationPorts();
onContextMenuClick((click) => void handleMenuClick(click));
onCommand((command, tabId) => {
  if (command === 'open-side-panel' && tabId !== undefined) void openPanelFor(tabId, 'automate', '');
});
onStartup(() => void resumeInterruptedWork());
onTabRemoved((tabId) => void forgetClosedTab(tabId).catch(() => undefined));
onInstalled((reason) => {
  void replaceContextMenus(menuRegistrations());
  if (reason === 'update') void resumeInterruptedWork(undefined, { browserStarted: false });
});

/**
 * Hooks for the end-to-end tests, reachable only from the service worker's own global scope (DevTools protocol):
 * no page, content script or other extension can call them. They run the same code paths as the real events.
 */
Object.assign(globalThis, {
  __pocketTest: {
    clickMenu: (menuItemId: string, tabId: number, selectionText?: string, pageUrl?: string) =>
      handleMenuClick({ menuItemId, tabId, selectionText, pageUrl }),
    dispatchAs: (message: unknown, sender: SenderFacts) => dispatcher.dispatch(message, sender),
    resetWorkers: () => callModelHost('host.workers.reset', {}),
    loseDevice: (model: string) => callModelHost('host.test.loseDevice', { model }),
    closeModelHost: () => closeOffscreenDocument(),
    startup: () => resumeInterruptedWork(),
    sidePanelPath,
    setPageAnswerLimits: (limits: Partial<typeof pageAnswerLimits>) => Object.assign(pageAnswerLimits, limits),
  },
});
