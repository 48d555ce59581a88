import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { listScriptName, PageBridge, scriptNames } from '../../../extension/features/automate/page-bridge.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import type { SavedList } from '../../../extension/features/automate/run-state.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * Runs a script against this (happy-dom) page as the model host would: its document, the real bridge and executor,
 * every confirmation accepted. `read`: the document the run starts with and reads again (default: the page as it is);
 * `remembered`: a saved script's lists (as a replay passes them; their page pattern is not checked here).
 */
export async function runOnPage(source: string, read?: PageDocument, remembered: SavedList[] = []) {
  // One document for the whole run (as the content script gives one page id per loaded page).
  const readDocument = async () => read ?? { ...buildPageDocument(document), pageId: 'live-page' };
  const doc = await readDocument();
  const bridge = new PageBridge({
    act: (request) => act(document, { settleMs: 10, ...request }), readDocument,
    confirm: async () => true, ask: async () => '', say: () => undefined,
    remembered: (name) => remembered.find((saved) => saved.list.name === name)?.list,
  }, doc, []);
  const names = scriptNames(doc);
  const offered = new Set(names.map((n) => n.name));
  names.push(...remembered.filter((saved) => !offered.has(saved.list.name)).map((saved) => listScriptName(saved.list)));
  return { doc, bridge, result: await runScript(source, automationCapabilities(bridge, names)) };
}
