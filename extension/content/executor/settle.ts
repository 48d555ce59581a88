/**
 * Waits until the page stops changing: resolves after `quietMs` without DOM mutations, or at `capMs` at the latest,
 * or at once when the document starts unloading (a navigation). Says whether anything changed.
 */
export interface Settled {
  changed: boolean;
  unloading: boolean;
}

export function waitForSettle(doc: Document, capMs = 2000, quietMs = 120): Promise<Settled> {
  return new Promise((resolve) => {
    const win = doc.defaultView;
    let changed = false;
    let quietTimer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (unloading: boolean) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(quietTimer);
      clearTimeout(capTimer);
      win?.removeEventListener('beforeunload', onUnload);
      win?.removeEventListener('pagehide', onUnload);
      resolve({ changed, unloading });
    };
    const onUnload = () => finish(true);
    const arm = () => {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => finish(false), quietMs);
    };
    const observer = new MutationObserver(() => {
      changed = true;
      arm();
    });
    observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    win?.addEventListener('beforeunload', onUnload);
    win?.addEventListener('pagehide', onUnload);
    const capTimer = setTimeout(() => finish(false), capMs);
    arm();
  });
}
