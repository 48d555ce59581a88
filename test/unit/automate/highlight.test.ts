import { describe, expect, test } from 'vitest';
import { highlightSpans, type Span } from '../../../extension/features/automate/highlight.ts';

const joined = (spans: Span[]) => spans.map((s) => s.text).join('');
const kinds = (spans: Span[]) => spans.filter((s) => s.kind !== 'plain').map((s) => `${s.kind}:${s.text}`);

describe('script highlighting (acorn tokens → spans)', () => {
  test('a typical script: elements, keywords, strings, numbers, literals, comments, punctuation', () => {
    const source = '// find it\nconst item = $todos__todo_items.find("Walk the dog");\nif (item !== null) { item.remove.click(); }\ndone(2 + true);';
    const spans = highlightSpans(source);
    expect(joined(spans)).toBe(source);
    expect(kinds(spans)).toEqual([
      'comment:// find it', 'keyword:const', 'name:item', 'punct:=', 'element:$todos__todo_items', 'punct:.', 'name:find', 'punct:(',
      'string:"Walk the dog"', 'punct:)', 'punct:;', 'keyword:if', 'punct:(', 'name:item', 'punct:!==', 'literal:null', 'punct:)',
      'punct:{', 'name:item', 'punct:.', 'name:remove', 'punct:.', 'name:click', 'punct:(', 'punct:)', 'punct:;', 'punct:}',
      'name:done', 'punct:(', 'number:2', 'punct:+', 'literal:true', 'punct:)', 'punct:;',
    ]);
  });

  test('let, of and template strings', () => {
    const source = 'for (let x of $list) say(`got ${x.name.text()}`);';
    const spans = highlightSpans(source);
    expect(joined(spans)).toBe(source);
    expect(kinds(spans).slice(0, 6)).toEqual(['keyword:for', 'punct:(', 'keyword:let', 'name:x', 'keyword:of', 'element:$list']);
    expect(kinds(spans)).toContain('string:got ');
    expect(kinds(spans)).toContain('punct:${');
  });

  test('an unterminated string from broken model output: the text is kept, the broken tail is marked invalid', () => {
    const source = '$box.type("unfinished);\ndone(1);';
    const spans = highlightSpans(source);
    expect(joined(spans)).toBe(source);
    expect(kinds(spans)).toEqual(['element:$box', 'punct:.', 'name:type', 'punct:(', 'invalid:"unfinished);\ndone(1);']);
  });

  test('an unterminated template and a stray character end in one invalid span; leading whitespace stays plain', () => {
    for (const [source, tail] of [['say(`open', 'open'], ['done(1); #', '#'], ['x = 1;   \u0001 rest', '\u0001 rest']] as const) {
      const spans = highlightSpans(source);
      expect(joined(spans), source).toBe(source);
      expect(spans.at(-1), source).toEqual({ kind: 'invalid', text: tail });
    }
    expect(kinds(highlightSpans('say(`open'))).toEqual(['name:say', 'punct:(', 'string:`', 'invalid:open']);
    expect(highlightSpans('x = 1;   \u0001 rest').at(-2)).toEqual({ kind: 'plain', text: '   ' });
  });

  test('markup in model text stays text: no span kind carries HTML, the pieces are the source characters', () => {
    const source = 'say("<img src=x onerror=alert(1)>");';
    const spans = highlightSpans(source);
    expect(joined(spans)).toBe(source);
    expect(spans.find((s) => s.kind === 'string')?.text).toBe('"<img src=x onerror=alert(1)>"');
  });

  test('empty and very long sources', () => {
    expect(highlightSpans('')).toEqual([]);
    const long = 'x;'.repeat(15_000);
    expect(highlightSpans(long)).toEqual([{ kind: 'plain', text: long }]);
  });
});
