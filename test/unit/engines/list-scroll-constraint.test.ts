import { describe, expect, test } from 'vitest';
import { NameConstraint } from '../../../workers/engines/decoding/name-constraint.ts';

/** A vocabulary of single characters: a script is allowed when each of its characters is, in turn. */
const PIECES = ['', ...new Set('$feed__posts.scroll()[0]length<40;whiledonemap(p=>p.title.text())slice,{}constn=!1 \n')];
const api = { lists: { feed__posts: ['title', 'author'] }, elements: ['load_more'], kinds: { load_more: 'button' } };

function allowed(script: string): boolean {
  const c = new NameConstraint(['feed__posts', 'load_more'], PIECES, [0], api);
  for (const ch of script) {
    const id = PIECES.indexOf(ch);
    if (id < 0) throw new Error(`no piece ${JSON.stringify(ch)}`);
    if (!c.allows(id)) return false;
    c.accept(id);
  }
  return true;
}

describe('decoders and $list.scroll()', () => {
  test('a list takes scroll(), with nothing between its brackets, and what it returns may be compared', () => {
    expect(allowed('while ($feed__posts.length < 40) $feed__posts.scroll();\n')).toBe(true);
    expect(allowed('const n = $feed__posts.scroll();\n')).toBe(true);
    expect(allowed('while ($feed__posts.scroll() < 40) wait(1);\n')).toBe(true);
    expect(allowed('$feed__posts.scroll(1);')).toBe(false);
  });

  test('an item of a list still scrolls as an element does; scroll() is an action, not read inside done(…)', () => {
    expect(allowed('$feed__posts[0].scroll();\n')).toBe(true);
    expect(allowed('done($feed__posts.scroll());')).toBe(false);
    expect(allowed('done($feed__posts.map(p => p.title.text()));')).toBe(true);
  });
});
