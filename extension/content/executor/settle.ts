/**
 * Waits until the page stops changing. Watching starts before the action (handlers often change the DOM
 * synchronously inside the click), and `settled()` resolves `firstMs` after the action when nothing changed, else
 * after `quietMs` without mutations, at `capMs` at the latest, or at once when the document starts unloading (a
 * navigation). Says whether anything changed. Later changes (a slow fetch) are covered by the executor waiting for
 * the next element to appear.
 */
export interface Settled {
  changed: boolean;
  unloading: boolean;
}

export interface SettleWatch {
  settled(capMs?: number, quietMs?: number, firstMs?: number): Promise<Settled>;
}

export function watchSettle(doc: Document): SettleWatch {
  const win = doc.defaultView;
  let changed = false;
  let unloading = false;
  let onChange: (() => void) | undefined;
  const observer = new MutationObserver(() => {
    changed = true;
    onChange?.();
  });
  // The document itself, not its root element: a page rewritten with document.open() replaces that element.
  observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  const onUnload = () => {
    unloading = true;
    onChange?.();
  };
  win?.addEventListener('beforeunload', onUnload);
  win?.addEventListener('pagehide', onUnload);
  return {
    settled(capMs = 2000, quietMs = 32, firstMs = 16) {
      return new Promise((resolve) => {
        let quietTimer: ReturnType<typeof setTimeout> | undefined;
        const finish = () => {
          observer.disconnect();
          clearTimeout(quietTimer);
          clearTimeout(capTimer);
          win?.removeEventListener('beforeunload', onUnload);
          win?.removeEventListener('pagehide', onUnload);
          resolve({ changed, unloading });
        };
        const arm = (ms: number) => {
          if (unloading) return finish();
          clearTimeout(quietTimer);
          quietTimer = setTimeout(finish, ms);
        };
        onChange = () => arm(quietMs);
        const capTimer = setTimeout(finish, capMs);
        arm(changed ? quietMs : Math.min(firstMs, quietMs));
      });
    },
  };
}
