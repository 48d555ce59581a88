import { extensionSelf, listenForMessages } from '../platform/index.ts';
import { createDispatcher } from '../protocol/dispatcher.ts';
import { randomHex } from '../protocol/envelope.ts';
import { fitToSchema } from '../protocol/fit.ts';
import { ContentScriptError, NavigationError, PDF_REFUSAL } from '../protocol/errors.ts';
import { PageDocumentSchema } from '../protocol/schemas.ts';
import { buildPageDocument } from './document/build.ts';
import { act, refuseLate } from './executor/index.ts';
import { churnOf } from './executor/churn.ts';
import { watchSettle } from './executor/settle.ts';
import { highlight } from './highlight.ts';
import { lastClick, watchClicks } from './last-click.ts';
import { BUILD_ID } from './submit-guard/events.ts';

/**
 * Per build: where an updated extension's injection runs beside the old one's orphaned script (same page, same
 * world), the old mark must not keep the new script from registering.
 */
const MARK = `__pocketSlmContent:${BUILD_ID}`;
/** The longest a read after a load waits for the page to go quiet (its DOM and its requests). */
const READ_CAP_MS = 2000;
const scope = globalThis as typeof globalThis & { [MARK]?: boolean };

/** Chrome's PDF viewer draws the file itself: the page holds one <embed>, nothing to read or act on. */
function refusePdf(): void {
  if (document.contentType === 'application/pdf') {
    throw new ContentScriptError(PDF_REFUSAL);
  }
}

// Injected on demand, possibly many times into one page: only the first injection registers.
if (!scope[MARK]) {
  // The page after a navigation (a new document, a new injection) has another id.
  const pageId = randomHex();
  watchClicks(document);
  // From now on, what the page changes by itself is learnt, so actions do not wait for it (executor/churn.ts).
  churnOf(document);
  listenForMessages(createDispatcher('content', extensionSelf, {
    'content.page.stats': () => {
      refusePdf();
      churnOf(document);
      return {
        url: location.href.slice(0, 4000),
        title: document.title.slice(0, 1000),
        elementCount: document.getElementsByTagName('*').length,
      };
    },
    'content.page.document': async ({ settleMs, ...limits }) => {
      refusePdf();
      // A run reads before it acts: what the page keeps changing by itself goes on being learnt meanwhile.
      churnOf(document);
      // After a load (the only reads that settle): the page's first fetches are waited for too, within the same 2 s
      // (a page that polls holds the read no longer than one that keeps changing).
      if (settleMs) await watchSettle(document, { requestCapMs: READ_CAP_MS, action: false }).settled(READ_CAP_MS, settleMs, settleMs);
      const doc = buildPageDocument(document, limits);
      const click = lastClick();
      // One odd field (a huge URL, emoji past a limit, a very deep CSS path) cuts or drops that field, not the page.
      const httpStatus = loadStatus();
      return fitToSchema(PageDocumentSchema, { ...doc, ...(click ? { lastClick: click } : {}), pageId, ...(httpStatus ? { httpStatus } : {}) });
    },
    'content.highlight': ({ locators, keepMs }) => highlight(document, locators, keepMs),
    'content.act': async (request) => {
      refusePdf();
      refuseLate(request);
      // Another document than the one the run last saw (a reload, a page the user or the page itself opened): the
      // run decides whether it led here; nothing is done until it does.
      if (request.expectedPageId && request.expectedPageId !== pageId) {
        throw new NavigationError(`this is another page than the run's (${JSON.stringify(location.href.slice(0, 200))}): nothing is done here`, { pageChanged: true, pageId, url: location.href.slice(0, 4000) });
      }
      return { ...await act(document, request), pageId };
    },
  }));
  // Marked once registered: an injection that failed before this point leaves the next one free to register.
  scope[MARK] = true;
}

/** The HTTP status this document came with (a 404 page reads like any other), where Navigation Timing has it. */
function loadStatus(): number | undefined {
  try {
    const status = (performance.getEntriesByType('navigation')[0] as (PerformanceEntry & { responseStatus?: number }) | undefined)?.responseStatus;
    return typeof status === 'number' && status >= 100 && status <= 999 ? status : undefined;
  } catch {
    return undefined;
  }
}
