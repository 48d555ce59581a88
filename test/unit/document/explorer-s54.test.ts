// @vitest-environment happy-dom
/**
 * Explorer, session 54.
 */
import { expect, test } from 'vitest';
import { build, lists } from './helpers.ts';

const scale = (points: number) => Array.from({ length: points }, (_, i) => `<label class="opt"><input type="radio" name="nps" value="${i}"><span>${i}</span></label>`).join('');

test('a scale of radios in a labelled radio group is named by the group\'s question, not by the scale\'s class', () => {
  const doc = build(`<main><h1>Survey</h1><form><div role="radiogroup" aria-labelledby="q1"><p id="q1">How likely are you to recommend us?</p>
    <div class="scale">${scale(11)}</div><div class="ends"><span>Not at all likely</span><span>Extremely likely</span></div></div>
    <button type="submit">Submit survey</button></form></main>`);
  const [nps] = lists(doc);
  expect(nps!.name).toMatch(/how_likely/);
  expect(nps!.description).toBe('How likely are you to recommend us?');
});
