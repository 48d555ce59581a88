/** What the user can do about a page that could not be read: Chrome's own pages cannot be read by any extension. */
export function unreadableHint(error: unknown): string {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown } | undefined)?.message ?? error ?? '');
  // Chrome's own wording, not a site's address that happens to contain "webstore".
  if (/cannot access a chrome(-extension)?:\/\/|chrome-search:|devtools:\/\/|extensions gallery cannot be scripted|chrome web store/i.test(message)) {
    return 'Chrome lets no extension read its own pages (chrome:// pages, the Web Store, other extensions). Open a web page (http or https) in this tab.';
  }
  if (/no tab with id/i.test(message)) {
    return 'The tab this panel worked on is closed: open the panel again from a page (its right-click menu or the toolbar icon).';
  }
  if (/url "file:|^file:/i.test(message)) {
    return 'A local file can be read once "Allow access to file URLs" is on for Pocket SLM (chrome://extensions, Details).';
  }
  if (/url "(about|data|view-source|blob):|^(about|data|view-source):/i.test(message)) {
    return 'This kind of page (about:, data:, a page\'s source) cannot be read: open a web page (http or https) in this tab.';
  }
  if (/it is a PDF/.test(message)) {
    return 'Chrome shows a PDF in its own viewer, which no extension can read or automate: open the page the PDF came from, or copy its text into the task.';
  }
  // Chrome hides the address of a tab it gives us no access to: a web page not yet granted, or a blank tab
  // (about:blank said only this, raw, in session 22's exploratory test).
  if (/must request permission to access the respective host/i.test(message)) {
    return 'Pocket SLM may read a web page once you click its toolbar icon or use its right-click menu on it; a blank tab (about:blank) and Chrome\'s own pages cannot be read.';
  }
  return 'Pocket SLM can read a page after you click its toolbar icon or use its right-click menu there.';
}
