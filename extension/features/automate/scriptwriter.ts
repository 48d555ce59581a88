/**
 * Automation with a script-writer model (issue 11): a small model trained to map the page document and a task
 * straight to a script. It gets its own compact input (scriptwriter-input.ts, the exact form it was trained on), no
 * JSON wrapper and no chat; its `$name` references are constrained to the names the page document (and the site
 * document's other pages) offer, so it cannot write an element that does not exist. Its bare script is wrapped into
 * the usual answer so the runner, the log and saved scripts treat it like any other model's.
 */
import type { ScriptName } from '../../sandbox/capabilities/bridge.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';
import type { GenerateRequestPayload, PageDocument } from '../../protocol/schemas.ts';
import type { ModelAnswer } from './parse.ts';
import { entriesOf, scriptNames } from './page-bridge.ts';
import { scriptwriterInput, withoutMessages } from './scriptwriter-input.ts';

export const isScriptWriter = (entry: Pick<CatalogueEntry, 'promptFormat'>) => entry.promptFormat === 'scriptwriter';

/** Scripts are short; the model was trained on scripts under 160 tokens. */
export const SCRIPT_WRITER_MAX_TOKENS = 192;
/** Documents are cut to this many estimated tokens (chars/4): the training documents were all under ~290, and on a
 * bigger page the sections that match the task are kept (renderPrompt), which is the most this model can use. */
const DOCUMENT_TOKENS = 300;

export interface ScriptWriterCall {
  prompt: string;
  /** The user's task (for `constraint.preferNames`). */
  task: string;
  /** For `constraint.names`: every name the script may use. */
  names: string[];
  /** For `constraint.api`: this page's lists with their item fields, its elements and their kinds. */
  api: { lists: Record<string, string[]>; elements: string[]; kinds: Record<string, string>; options: Record<string, string[]>; leaveOut: string[] };
  /**
   * For `constraint.literals`: what a quoted string may copy. The values a script types, selects, finds or compares
   * are the user's, so the task's text; from the page only its single symbols (the `$` a price is stripped of).
   */
  literals: string[];
}

/** `otherNames`: names on other pages or views (with their kinds where known, so their members are held too). */
export function scriptWriterCall(pageDoc: PageDocument, task: string, otherNames: readonly (string | ScriptName)[]): ScriptWriterCall {
  const doc = withoutMessages(pageDoc);
  const here = scriptNames(doc).map((n) => n.name);
  const elsewhere = otherNames.map((n) => (typeof n === 'string' ? { name: n, kind: '' } : n)).filter((n) => !here.includes(n.name));
  const entries = [...scriptNames(doc), ...elsewhere.filter((n) => n.kind)];
  const other = elsewhere.map((n) => n.name);
  const lists: Record<string, string[]> = {};
  const elements: string[] = [];
  const kinds: Record<string, string> = {};
  for (const entry of entries) {
    if (entry.kind === 'list') lists[entry.name] = [...(entry.fields ?? [])];
    else {
      elements.push(entry.name);
      kinds[entry.name] = entry.kind;
    }
  }
  const options: Record<string, string[]> = {};
  for (const entry of entriesOf(doc)) {
    // Only where the document lists every option: a value past the cap is still a valid choice.
    if (entry.kind === 'select' && entry.options?.length && (entry.optionsTotal ?? entry.options.length) <= entry.options.length) {
      options[entry.name] = [...entry.options];
    }
  }
  const prompt = scriptwriterInput({ doc, task, otherNames: other, maxDocumentTokens: DOCUMENT_TOKENS });
  return {
    prompt,
    task,
    names: [...here, ...other],
    // `press` came to the script API after the bundled model was trained: offered, it wrote `.press("Event day")` where
    // it meant `.type(…)` (eval:scriptwriter forms 58% → 8%; session 27's bisect to caebbcf).
    api: { lists, elements, kinds, options, leaveOut: ['press'] },
    // One symbol per line: a string copies one of them, never a run of unrelated symbols ("()").
    literals: [task, [...new Set(prompt.match(/[^\p{L}\p{N}\s"'`\\]/gu) ?? [])].join('\n')],
  };
}

type OutputConstraint = NonNullable<GenerateRequestPayload['constraint']>;

/** Logits added per task word a name shares (`constraint.preferNames`), chosen on dev pages (eval:scriptwriter --split dev). */
export const NAME_PRIOR_WEIGHT = 6;
/** Logits a top-level statement's name loses when it is not the next one the task mentions (forms are filled in the
 * order the task gives), chosen on dev pages like NAME_PRIOR_WEIGHT. */
export const ORDER_PRIOR_WEIGHT = 14;

/**
 * What the script writer's decoding is held to: its `$name`s are the page's, its syntax stays valid and its quoted
 * strings are copied from the task (ScriptWriterCall.literals); each can be switched off to measure it.
 */
export function constraintFor(request: { constrainNames?: boolean | undefined; constrainScript?: boolean | undefined; namePrior?: number | undefined;
  orderPrior?: number | undefined; }, call: ScriptWriterCall): { constraint?: OutputConstraint } {
  const weight = request.namePrior ?? NAME_PRIOR_WEIGHT;
  const order = request.orderPrior ?? ORDER_PRIOR_WEIGHT;
  const prefer = weight > 0 || order > 0 ? { preferNames: { text: call.task, weight, ...(order > 0 ? { order } : {}) } } : {};
  const constraint: OutputConstraint = {
    ...(request.constrainNames === false ? {} : { names: call.names, api: call.api, ...prefer }),
    ...(request.constrainScript === false ? {} : { literals: call.literals, syntax: 'script' as const }),
  };
  return Object.keys(constraint).length ? { constraint } : {};
}

/** The model's bare script as the runner's answer; the plan says who wrote it. */
export function scriptWriterAnswer(text: string, modelName: string): ModelAnswer {
  const script = text.trim();
  const elements = [...new Set(script.match(/\$[\p{L}\p{M}\p{N}_]+/gu) ?? [])];
  return { plan: `Script written by ${modelName} (a script-writer model: no plan, names checked against the page).`, elements, script };
}
