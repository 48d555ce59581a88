/**
 * Runs in a plain Chromium page (harness.html): for each seeded page spec it renders the page, reads its document
 * with our content-script extractor, makes tasks, and runs every gold script through our interpreter (automation
 * capabilities) and our executor (the same PageBridge the side panel uses, acting in this document). A sample is
 * kept only when the page ends up as the task wanted.
 */
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { PageBridge, scriptNames } from '../../../extension/features/automate/page-bridge.ts';
import { scriptwriterInput } from '../../../extension/features/automate/scriptwriter-input.ts';
import { constraintFor, scriptWriterCall } from '../../../extension/features/automate/scriptwriter.ts';
import { outputConstraintsFor } from '../../../workers/engines/decoding/output-constraints.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import { judge } from './judge.ts';
import { renderPage } from './render.ts';
import { pageSpec, type PageSpec } from './spec.ts';
import { mapNames, tasksFor } from './tasks.ts';
import type { Split } from './words.ts';

export interface Sample {
  id: string;
  split: Split;
  seed: number;
  template: string;
  family: string;
  kind: string;
  task: string;
  input: string;
  script: string;
  /** Every name the script may use on this page (current and other views), for name-constrained decoding. */
  names: string[];
}

export interface Dropped { id: string; kind: string; why: string; script: string }
export interface BatchResult { samples: Sample[]; dropped: Dropped[]; pages: number; ms: number }

const names = (doc: PageDocument) => scriptNames(doc).map((n) => n.name);

function documents(spec: PageSpec, page: ReturnType<typeof renderPage>): { main: PageDocument; other: PageDocument[] } {
  const main = buildPageDocument(document);
  const other: PageDocument[] = [];
  for (const block of spec.blocks) {
    if (block.kind !== 'settings') continue;
    for (const tab of block.tabs.slice(1)) {
      page.showTab(block.id, tab.id);
      other.push(buildPageDocument(document));
    }
    page.showTab(block.id, block.tabs[0]!.id);
  }
  return { main, other };
}

async function runGold(spec: PageSpec, script: string, allNames: ReturnType<typeof scriptNames>) {
  const page = renderPage(document, spec);
  const doc = buildPageDocument(document);
  const bridge = new PageBridge({
    act: (request) => act(document, { ...request, settleMs: 40 }),
    readDocument: async () => buildPageDocument(document),
    confirm: async () => true,
    ask: async () => '',
    say: () => undefined,
  }, doc);
  const run = await runScript(script, automationCapabilities(bridge, allNames), { budgets: { timeMs: 20_000 } });
  return { page, run };
}

interface Prepared { spec: PageSpec; tasks: ReturnType<typeof tasksFor>; main: PageDocument; otherNames: string[]; allNames: ReturnType<typeof scriptNames> }

function prepare(split: Split, seed: number, chrome = false, extras = false, madeUp = 0, pseudo = 0): Prepared {
  const spec = pageSpec(seed, split, { chrome, extras, madeUp, pseudo });
  const page = renderPage(document, spec);
  const docs = documents(spec, page);
  const map = mapNames([docs.main, ...docs.other], page, spec, document);
  const mainNames = names(docs.main);
  const otherNames = [...new Set(docs.other.flatMap(names))].filter((n) => !mainNames.includes(n));
  const allNames = [...scriptNames(docs.main), ...docs.other.flatMap(scriptNames).filter((n) => otherNames.includes(n.name))];
  return { spec, tasks: tasksFor(spec, map), main: docs.main, otherNames, allNames };
}

/** Runs `script` (default: the gold one) for task `index` of a page; null when the page ends up as wanted, else why not. */
export async function verifyTask(split: Split, seed: number, index: number, script?: string, chrome = false): Promise<{ task: string; gold: string; why: string | null }> {
  const prepared = prepare(split, seed, chrome);
  const task = prepared.tasks[index];
  if (!task) throw new Error(`page ${split}/${seed} has no task ${index}`);
  const { page, run } = await runGold(prepared.spec, script ?? task.script, prepared.allNames);
  const why = run.ok ? judge(task.expect, { state: page.state, fields: page.fieldValues(), result: run.result }) : `${run.error?.name}: ${run.error?.message}`;
  return { task: task.task, gold: task.script, why };
}

export async function runBatch(split: Split, seeds: number[], chrome = false, extras = false, madeUp = 0, pseudo = 0): Promise<BatchResult> {
  const started = performance.now();
  const samples: Sample[] = [];
  const dropped: Dropped[] = [];
  for (const seed of seeds) {
    const { spec, tasks, main, otherNames, allNames } = prepare(split, seed, chrome, extras, madeUp, pseudo);
    for (const [i, task] of tasks.entries()) {
      const id = `${split}-${seed}-${i}`;
      const { page: after, run } = await runGold(spec, task.script, allNames);
      const why = run.ok ? judge(task.expect, { state: after.state, fields: after.fieldValues(), result: run.result }) : `${run.error?.name}: ${run.error?.message}`;
      if (why) {
        dropped.push({ id, kind: task.kind, why, script: task.script });
        continue;
      }
      samples.push({
        id, split, seed, template: spec.template, family: spec.family, kind: task.kind, task: task.task, script: task.script,
        input: scriptwriterInput({ doc: main, task: task.task, otherNames }), names: allNames.map((n) => n.name),
      });
    }
  }
  return { samples, dropped, pages: seeds.length, ms: performance.now() - started };
}

/**
 * Every gold script of these pages written through the product's output constraints (names, members, literals,
 * syntax: what the script writer's decoding is held to, built as the side panel builds it), a character a token:
 * where a constraint refuses a character (or the end) of a script that the interpreter and the page accept, the
 * constraint is wrong.
 */
export function goldRefusals(split: Split, seeds: number[], chrome = false): { checked: number; refused: { id: string; at: number; script: string }[] } {
  const refused: { id: string; at: number; script: string }[] = [];
  let checked = 0;
  for (const seed of seeds) {
    const { tasks, main, otherNames, allNames } = prepare(split, seed, chrome);
    for (const [i, task] of tasks.entries()) {
      const call = scriptWriterCall(main, task.task, allNames.filter((n) => otherNames.includes(n.name)));
      const chars = [...new Set(task.script)];
      const end = chars.length;
      const constraints = outputConstraintsFor(constraintFor({}, call).constraint, { decode: (ids) => ids.map((id) => chars[id] ?? '').join('') }, end + 1, [end])!;
      checked++;
      const ids = [...task.script].map((ch) => chars.indexOf(ch));
      const at = ids.findIndex((id) => {
        if (!constraints.allows(id)) return true;
        constraints.accept(id);
        return false;
      });
      if (at >= 0 || !constraints.allows(end)) refused.push({ id: `${split}-${seed}-${i}`, at: at >= 0 ? at : ids.length, script: task.script });
    }
  }
  return { checked, refused };
}

declare global {
  interface Window { scriptwriterHarness?: { runBatch: typeof runBatch; verifyTask: typeof verifyTask; goldRefusals: typeof goldRefusals } }
}
window.scriptwriterHarness = { runBatch, verifyTask, goldRefusals };
document.documentElement.dataset['ready'] = '1';
