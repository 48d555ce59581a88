import { ActionError } from '../../protocol/errors.ts';

/**
 * Whether a written script acts on anything the task names. A small script-writer model, given a phrasing it was not
 * trained on, writes valid scripts that click whatever it knows ("Contact us" for "list the product names") and the run
 * would report Done (exploratory test, session 21). Such a script is not run: the attempt fails, and the model draws
 * again or the run fails saying why. Reads are harmless and not checked; a script that acts on a name sharing a word
 * with the task, finds an item by words of the task, or types words of the task is taken as meant for it.
 */
const ACTION = /\$([\p{L}\p{M}\p{N}_]+)((?:\[[^\]]*\]|\.find\(\s*(?:"[^"]*"|'[^']*')\s*\)|\.[\p{L}\p{M}\p{N}_]+)*)\.(click|open|type|select|check|uncheck)\s*\(\s*((?:"[^"]*"|'[^']*')?)/gu;
/** Words a name is made of that say only what kind of control it is. */
const GENERIC = new Set(['link', 'button', 'input', 'text', 'area', 'field', 'box', 'checkbox', 'radio', 'clickable', 'list', 'item',
  'items', 'the', 'and', 'for', 'with', 'your', 'my']);
const STOP = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'onto', 'this', 'that', 'then', 'than', 'there', 'these', 'those',
  'please', 'all', 'every', 'each', 'any', 'some', 'its', 'our', 'your', 'my', 'me', 'you', 'can', 'will', 'would', 'should',
  'go', 'get', 'make', 'use', 'do', 'does', 'set', 'put', 'page', 'site', 'here', 'now', 'one', 'two', 'on', 'in', 'to', 'of', 'a', 'an']);

const stem = (word: string) => (word.length > 4 ? word.replace(/(?:ing|ed|es|s)$/, '') : word);
const wordsOf = (text: string, skip: ReadonlySet<string>) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !skip.has(w)).map(stem);

function shares(words: readonly string[], taskWords: readonly string[]): boolean {
  return words.some((w) => taskWords.some((t) => w === t || (t.length >= 4 && w.startsWith(t)) || (w.length >= 4 && t.startsWith(w))));
}

/** The ActionError an unrelated script fails with, or null when it acts on something the task names (or acts on nothing). */
export function unrelatedScript(script: string, task: string): ActionError | null {
  const taskWords = wordsOf(task, STOP);
  if (!taskWords.length) return null;
  const acted: string[] = [];
  for (const match of script.matchAll(ACTION)) {
    const [, name, chain, , typed] = match;
    const words = [...wordsOf(name!.replace(/_/g, ' '), GENERIC), ...wordsOf((chain ?? '').replace(/[._]/g, ' '), GENERIC),
      ...wordsOf(typed ?? '', STOP)];
    if (shares(words, taskWords)) return null;
    acted.push(`$${name}${chain ?? ''}`);
  }
  if (!acted.length) return null;
  const shown = [...new Set(acted)].slice(0, 4).join(', ');
  return new ActionError(`the script acts only on ${shown}, which nothing in the task names: it was not run (write a script that acts on what the task asks for)`, { state: 'unrelated' });
}
