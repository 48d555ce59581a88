/**
 * The input of the bundled script-writer model (issue 11): the page document in its prompt form (without the URL,
 * which says nothing about the page's API), names on other views of the site, then the task. Training data and
 * the product build it with this one function, so the model sees at run time exactly what it was trained on.
 */
import { renderPrompt } from '../../content/document/render.ts';
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

export function scriptwriterInput(input: ScriptwriterInput): string {
  const rendered = renderPrompt(input.doc, { task: input.task, ...(input.maxDocumentTokens ? { maxTokens: input.maxDocumentTokens } : {}) });
  const lines = rendered.text.split('\n');
  lines[0] = `page ${JSON.stringify(input.doc.title.slice(0, 120))}`;
  const other = (input.otherNames ?? []).slice(0, MAX_OTHER_NAMES);
  if (other.length) lines.push(`other views: ${other.map((n) => `$${n}`).join(' ')}`);
  lines.push(`task: ${input.task.replace(/\s+/g, ' ').trim()}`);
  return lines.join('\n');
}
