/**
 * One held-out synthetic page as a real page for `npm run eval:scriptwriter`: eval.html?split=test&seed=N renders
 * the page; the extension's content script reads it like any site. `window.scriptwriterEval` gives the page's tasks
 * (made from the document our extractor reads here, as in the corpus) and judges the page's end state.
 */
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { judge } from './judge.ts';
import { renderPage } from './render.ts';
import { pageSpec } from './spec.ts';
import { mapNames, tasksFor } from './tasks.ts';
import type { Split } from './words.ts';

const params = new URLSearchParams(location.search);
const split = (params.get('split') ?? 'test') as Split;
const seed = Number(params.get('seed') ?? '1');
const spec = pageSpec(seed, split, { chrome: params.get('chrome') === '1', extras: params.get('extras') === '1' });

/** Tasks come from a throwaway render (the extractor's view of the fresh page), then the page is rendered anew. */
function tasks() {
  const scratch = renderPage(document, spec);
  const docs = [buildPageDocument(document)];
  for (const block of spec.blocks) {
    if (block.kind !== 'settings') continue;
    for (const tab of block.tabs.slice(1)) {
      scratch.showTab(block.id, tab.id);
      docs.push(buildPageDocument(document));
    }
  }
  return tasksFor(spec, mapNames(docs, scratch, spec, document));
}

const list = tasks();
const page = renderPage(document, spec);

declare global {
  interface Window {
    scriptwriterEval?: {
      template: string;
      tasks: Array<{ kind: string; task: string; script: string }>;
      judge(index: number, result: unknown): string | null;
    };
  }
}
window.scriptwriterEval = {
  template: spec.template,
  tasks: list.map(({ kind, task, script }) => ({ kind, task, script })),
  judge: (index, result) => judge(list[index]!.expect, { state: page.state, fields: page.fieldValues(), result }),
};
document.documentElement.dataset['ready'] = '1';
