/**
 * The input of the bundled script-writer model (issue 11): the page document in its prompt form (without the URL,
 * which says nothing about the page's API), names on other views of the site, then the task. Training data and
 * the product build it with this one function, so the model sees at run time exactly what it was trained on.
 */
import { renderPrompt } from '../../content/document/render.ts';
import { isList } from '../../content/document/types.ts';
import type { PageDocument } from '../../protocol/schemas.ts';

export interface ScriptwriterInput {
  doc: PageDocument;
  task: string;
  /** Names the site document knows on other pages or views (without `$`). */
  otherNames?: readonly string[];
  /** Token budget for the document block (estimated tokens); sections least related to the task go first. */
  maxDocumentTokens?: number;
}

const MAX_OTHER_NAMES = 40;

const BOXES: ReadonlySet<string> = new Set(['checkbox', 'switch', 'radio']);

/**
 * The bundled model was trained on documents whose list samples carry no box states (`done: false`, added later for
 * chat models): they are left out of its input, which otherwise changed what it writes for the same page.
 */
function withoutBoxStates(doc: PageDocument): PageDocument {
  return {
    ...doc,
    sections: doc.sections.map((section) => ({
      ...section,
      entries: section.entries.map((entry) => {
        if (!isList(entry)) return entry;
        // Nor values for machines (a `<time datetime>` field's, session 37).
        if (entry.machineValues) {
          const { machineValues: _values, ...rest } = entry;
          entry = rest;
        }
        const boxes = new Set(entry.slots.filter((slot) => BOXES.has(slot.kind) && !entry.fields.includes(slot.name)).map((slot) => slot.name));
        if (!boxes.size) return entry;
        return { ...entry, samples: entry.samples.map((sample) => Object.fromEntries(Object.entries(sample).filter(([key]) => !boxes.has(key)))) };
      }),
    })),
  };
}

/**
 * Nor did its pages have status messages (`message` entries, session 27): they are left out of its input and of the
 * names it may write (scriptwriter.ts), so the demo's and the apps' documents reach it as when it was trained and
 * measured (with them as names, the task word "Remove" led it to the todo app's `$todos__removed` counter).
 */
export function withoutMessages(doc: PageDocument): PageDocument {
  return { ...doc, sections: doc.sections.map((section) => ({ ...section, entries: section.entries.filter((entry) => entry.kind !== 'message') })) };
}

export function scriptwriterInput(input: ScriptwriterInput): string {
  const rendered = renderPrompt(withoutMessages(withoutBoxStates(input.doc)), { task: input.task, ...(input.maxDocumentTokens ? { maxTokens: input.maxDocumentTokens } : {}) });
  const lines = rendered.text.split('\n');
  lines[0] = `page ${JSON.stringify(input.doc.title.slice(0, 120))}`;
  const other = (input.otherNames ?? []).slice(0, MAX_OTHER_NAMES);
  if (other.length) lines.push(`other views: ${other.map((n) => `$${n}`).join(' ')}`);
  lines.push(`task: ${input.task.replace(/\s+/g, ' ').trim()}`);
  return lines.join('\n');
}
