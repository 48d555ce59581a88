const FILE_HINT = 'A local file can be read once "Allow access to file URLs" is on for Pocket SLM (chrome://extensions, Details).';
const KIND_HINT = 'This kind of page (about:, data:, a page\'s source) cannot be read: open a web page (http or https) in this tab.';

/**
 * What the user can do about a page that could not be read: Chrome's own pages cannot be read by any extension.
 * `pageScheme`: the scheme of the page the right-click menu was used on, where known (Chrome hides the address of a
 * page it gives us no access to from the tab, and so from its error, but not from the menu click).
 */
export function unreadableHint(error: unknown, pageScheme?: string): string {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown } | undefined)?.message ?? error ?? '');
  // Chrome's own wording, not a site's address that happens to contain "webstore".
  if (/cannot access a chrome(-extension)?:\/\/|chrome-search:|devtools:\/\/|extensions gallery cannot be scripted|chrome web store/i.test(message)) {
    return 'Chrome lets no extension read its own pages (chrome:// pages, the Web Store, other extensions). Open a web page (http or https) in this tab.';
  }
  if (/no tab with id/i.test(message)) {
    return 'The tab this panel worked on is closed: open the panel again from a page (its right-click menu or the toolbar icon).';
  }
  if (/url "file:|^file:/i.test(message)) return FILE_HINT;
  if (/url "(about|data|view-source|blob):|^(about|data|view-source):/i.test(message)) return KIND_HINT;
  if (/it is a PDF/.test(message)) {
    return 'Chrome shows a PDF in its own viewer, which no extension can read or automate: open the page the PDF came from, or copy its text into the task.';
  }
  // Chrome hides the address of a tab it gives us no access to: a web page not yet granted, a local file without
  // "Allow access to file URLs", a data: page, a blank tab (about:blank said only this, raw, in session 22's
  // exploratory test). The menu click that opened the panel told which (exploratory test, session 23: a file or
  // data: page was told to use the right-click menu, just used).
  if (/must request permission to access the respective host/i.test(message)) {
    if (pageScheme === 'file') return FILE_HINT;
    if (pageScheme !== undefined && /^(about|data|view-source|blob)$/.test(pageScheme)) return KIND_HINT;
    return 'Pocket SLM may read a web page once you click its toolbar icon or use its right-click menu on it, and a local file once "Allow access to file URLs" is on for it (chrome://extensions, Details); a blank tab (about:blank), a data: page and Chrome\'s own pages cannot be read.';
  }
  return 'Pocket SLM can read a page after you click its toolbar icon or use its right-click menu there.';
}
