import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { request } from '../../platform/index.ts';
import type { Locator } from '../../protocol/schemas.ts';
import { plainBrowserWording } from '../../ui/error-text.ts';

/** The page drops an outline nobody renewed within this time (a panel that closed without clearing leaves none). */
export const KEEP_MS = 3000;
/** How often the panel renews the outline while an entry is pointed at. */
export const RENEW_MS = 1000;

/** An entry pointed at: `key` tells entries apart, `via` names the tab that shows an entry of a hidden view. */
export interface PointTarget {
  key: string;
  name: string;
  locators: Locator[];
  /** For an entry on a hidden tab panel: the tab's entry name; its locators are then the tab's. */
  via?: string;
}

export interface PagePointer {
  hover(target: PointTarget | null): void;
  focus(target: PointTarget | null): void;
  /** Points at it again (the name pressed): a fresh outline, scrolled into view. */
  again(target: PointTarget): void;
  /** The entry left the view (a page read again without it). */
  gone(key: string): void;
  /** The note said about each entry pointed at ("not on the page now …"), by key. */
  notes: Record<string, string>;
  /** The latest note, for a polite live region. */
  said: string;
  /** A new document: notes about the old one go. */
  reset(): void;
}

type Reply = { found: boolean; hidden?: boolean };

/** What the panel says next to an entry after pointing at it; empty when the outline is shown as asked. */
export function noteFor(target: PointTarget, outcome: { reply: Reply } | { error: unknown }): string {
  if ('error' in outcome) {
    const message = outcome.error instanceof Error || (typeof outcome.error === 'object' && outcome.error && 'message' in outcome.error)
      ? String((outcome.error as { message: unknown }).message) : String(outcome.error);
    return `could not be shown: ${plainBrowserWording(message)}`;
  }
  const { reply } = outcome;
  if (target.via) {
    return reply.found && !reply.hidden
      ? `hidden until $${target.via} is clicked: that tab is outlined`
      : `hidden until $${target.via} is clicked`;
  }
  if (!reply.found) return 'not on the page now — Read the page again';
  if (reply.hidden) return 'hidden on the page now: nothing to outline';
  return '';
}

const sameTarget = (a: PointTarget | null, b: PointTarget | null) =>
  a === b || (!!a && !!b && a.key === b.key && JSON.stringify(a.locators) === JSON.stringify(b.locators));

/**
 * Points at elements in the tab's page for the entries the user points at: the entry under the pointer, else the one
 * with the keyboard's focus (the outline returns to it when the pointer leaves). The outline is renewed while shown
 * and cleared when nothing is pointed at, when the panel unmounts (another tab followed, the tab closed) and when its
 * page hides (the panel closed); the page drops an outline not renewed within KEEP_MS should none of these arrive.
 */
export function usePagePointer(tabId: number | undefined): PagePointer {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [said, setSaid] = useState('');
  const hovered = useRef<PointTarget | null>(null);
  const focused = useRef<PointTarget | null>(null);
  const current = useRef<PointTarget | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const send = useCallback((locators: Locator[]) => {
    if (tabId === undefined) return Promise.resolve({ found: false } as Reply);
    return request('page.highlight', { tabId, locators, ...(locators.length ? { keepMs: KEEP_MS } : {}) }) as Promise<Reply>;
  }, [tabId]);

  const note = useCallback((target: PointTarget, text: string) => {
    setNotes((now) => {
      if ((now[target.key] ?? '') === text) return now;
      if (text) setSaid(`$${target.name}: ${text}`);
      const next = { ...now };
      if (text) next[target.key] = text;
      else delete next[target.key];
      return next;
    });
  }, []);

  const update = useCallback((force = false) => {
    const target = hovered.current ?? focused.current;
    if (!force && sameTarget(target, current.current)) return;
    current.current = target;
    clearInterval(timer.current);
    timer.current = undefined;
    if (!target) {
      void send([]).catch(() => undefined);
      return;
    }
    const ask = () => send(target.locators).then(
      (reply) => current.current === target && note(target, noteFor(target, { reply })),
      (error: unknown) => current.current === target && note(target, noteFor(target, { error })),
    );
    void ask();
    timer.current = setInterval(() => void ask(), RENEW_MS);
  }, [send, note]);

  // Cleared when the panel goes: unmounted (it follows another tab; the page was closed) or its page hidden.
  useEffect(() => {
    const off = () => {
      clearInterval(timer.current);
      timer.current = undefined;
      if (current.current) void send([]).catch(() => undefined);
      current.current = null;
      hovered.current = null;
      focused.current = null;
    };
    addEventListener('pagehide', off);
    return () => {
      removeEventListener('pagehide', off);
      off();
    };
  }, [send]);

  return useMemo(() => ({
    hover(target) {
      hovered.current = target;
      update();
    },
    focus(target) {
      focused.current = target;
      update();
    },
    again(target) {
      current.current = null;
      clearInterval(timer.current);
      // A fresh box (the page scrolls to it) rather than the renewal of the one shown.
      void send([]).catch(() => undefined).finally(() => {
        if (!hovered.current && !focused.current) focused.current = target;
        update(true);
      });
    },
    gone(key) {
      if (hovered.current?.key === key) hovered.current = null;
      if (focused.current?.key === key) focused.current = null;
      update();
    },
    notes,
    said,
    reset() {
      setNotes({});
    },
  }), [update, send, notes, said]);
}
