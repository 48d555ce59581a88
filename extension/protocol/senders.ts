import { UntrustedSenderError } from './errors.ts';
import type { Tier } from './messages.ts';

/** The parts of a runtime.MessageSender we decide on. The URL is deliberately absent: URL text is never trusted. */
export interface SenderFacts {
  id?: string | undefined;
  origin?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
  frameId?: number | undefined;
}

export interface Self {
  id: string;
  origin: string;
}

export type SenderClass =
  | { tier: 'extension' }
  | { tier: 'content'; tabId: number; frameId: number; origin: string };

/**
 * Our own extension contexts (service worker, offscreen, popup, side panel — also when opened in a tab) carry our id
 * and our origin. Our content script carries our id, a tab and the page's origin. Anything else is rejected.
 */
export function classifySender(sender: SenderFacts, self: Self): SenderClass {
  if (!sender || sender.id !== self.id) {
    throw new UntrustedSenderError('message from another extension or a web page', { senderId: String(sender?.id ?? '') });
  }
  if (sender.origin === self.origin) return { tier: 'extension' };
  if (sender.tab === undefined) {
    // Only extension contexts message without a tab; Chrome omits origin for some of them (e.g. the service worker).
    if (sender.origin === undefined) return { tier: 'extension' };
    throw new UntrustedSenderError('message without a tab from a foreign origin');
  }
  const tabId = sender.tab.id;
  if (typeof tabId !== 'number' || tabId < 0 || typeof sender.frameId !== 'number' || typeof sender.origin !== 'string') {
    throw new UntrustedSenderError('content message without tab, frame or origin');
  }
  return { tier: 'content', tabId, frameId: sender.frameId, origin: sender.origin };
}

export function tierAllowed(sender: SenderClass, allowed: readonly Tier[]): boolean {
  return allowed.includes(sender.tier);
}
