/**
 * Task samples made from the page's own document by templates, so a small model sees the API used on names it
 * can actually call: a type-and-click, a list read, a select/check. Two or three, only when the page has the parts.
 */
import type { ElementEntry, ListEntry, PageDocument } from '../../protocol/schemas.ts';
import type { ModelAnswer } from './parse.ts';

export interface TaskSample {
  task: string;
  answer: ModelAnswer;
}

function entries(doc: PageDocument): Array<ElementEntry | ListEntry> {
  return doc.sections.flatMap((section) => section.entries);
}

const words = (name: string): string => name.replace(/__/g, ' ').replace(/_/g, ' ').trim();

export function taskSamples(doc: PageDocument, max = 3): TaskSample[] {
  const all = entries(doc);
  const elements = all.filter((e): e is ElementEntry => e.kind !== 'list');
  const lists = all.filter((e): e is ListEntry => e.kind === 'list');
  const samples: TaskSample[] = [];

  const input = elements.find((e) => (e.kind === 'text_input' || e.kind === 'text_area') && !e.sensitive && !e.state?.disabled);
  const button = (input && elements.find((e) => e.kind === 'button' && !e.state?.disabled && e.name.split('__')[0] === input.name.split('__')[0]))
    ?? elements.find((e) => e.kind === 'button' && !e.state?.disabled);
  if (input && button) {
    samples.push({
      task: `put "example" into the ${words(input.name)} field and press ${words(button.name)}`,
      answer: {
        plan: `type into $${input.name}, then click $${button.name}`,
        elements: [`$${input.name}`, `$${button.name}`],
        script: `$${input.name}.type("example");\n$${button.name}.click();\ndone("typed and pressed");`,
      },
    });
  }
  const list = lists.find((l) => l.fields.length > 0 && l.count > 0);
  if (list) {
    const field = list.fields[0]!;
    samples.push({
      task: `tell me the ${words(field)} of every item in ${words(list.name)}`,
      answer: {
        plan: `read ${field} of each item of $${list.name}`,
        elements: [`$${list.name}`],
        script: `const out = [];\nfor (const item of $${list.name}) {\n  out.push(item.${field}.text());\n}\nsay(out.join(", "));\ndone(out);`,
      },
    });
  }
  const select = elements.find((e) => e.kind === 'select' && (e.options?.length ?? 0) > 1);
  const box = elements.find((e) => e.kind === 'checkbox');
  if (select || box) {
    const lines: string[] = [];
    const used: string[] = [];
    if (select) {
      lines.push(`$${select.name}.select(${JSON.stringify(select.options![select.options!.length - 1])});`);
      used.push(`$${select.name}`);
    }
    if (box) {
      lines.push(`if (!$${box.name}.value()) {\n  $${box.name}.check();\n}`);
      used.push(`$${box.name}`);
    }
    lines.push('done("set");');
    samples.push({
      task: `${select ? `choose the last ${words(select.name)} option` : ''}${select && box ? ' and ' : ''}${box ? `make sure ${words(box.name)} is on` : ''}`,
      answer: { plan: 'set the fields', elements: used, script: lines.join('\n') },
    });
  }
  return samples.slice(0, max);
}
