// @vitest-environment happy-dom
/**
 * Explorer, session 54.
 */
import { expect, test } from 'vitest';
import { build, entries, lists, names } from './helpers.ts';

const scale = (points: number) => Array.from({ length: points }, (_, i) => `<label class="opt"><input type="radio" name="nps" value="${i}"><span>${i}</span></label>`).join('');

test('a scale of radios in a labelled radio group is named by the group\'s question, not by the scale\'s class', () => {
  const doc = build(`<main><h1>Survey</h1><form><div role="radiogroup" aria-labelledby="q1"><p id="q1">How likely are you to recommend us?</p>
    <div class="scale">${scale(11)}</div><div class="ends"><span>Not at all likely</span><span>Extremely likely</span></div></div>
    <button type="submit">Submit survey</button></form></main>`);
  const [nps] = lists(doc);
  expect(nps!.name).toMatch(/how_likely/);
  expect(nps!.description).toBe('How likely are you to recommend us?');
});

test('a timer is a message the page shows, named by its label or class, never by the field before it', () => {
  const doc = build(`<main><h1>Quiz</h1><form><label for="c">Anything else?</label><textarea id="c"></textarea>
    <div role="timer" class="countdown">Time left: 04:59</div><button type="submit">Submit</button></form>
    <div role="timer" aria-label="Sale ends in">02:14:09</div></main>`);
  const timers = entries(doc).filter((e) => e.kind === 'message');
  expect(timers.map((e) => [e.name.split('__')[1], e.description])).toEqual([['countdown', 'Time left: 04:59'], ['sale_ends_in', '02:14:09']]);
});

test('a link that starts with a count of reviews or questions is named by what it counts, so the name holds as the count grows', () => {
  const page = (reviews: string, questions: string) => build(`<main><h1>Trail Runner 3</h1><a href="#reviews">${reviews}</a><a href="#qa">${questions}</a>
    <a href="/s/5">5 stars</a><a href="/s/4">4 stars</a><button>Add to bag</button></main>`);
  expect(names(page('312 reviews', '24 questions answered'))).toEqual(['trail_runner_3__review_link', 'trail_runner_3__question_answered_link',
    'trail_runner_3__5_stars_link', 'trail_runner_3__4_stars_link', 'trail_runner_3__add_to_bag_button']);
  expect(names(page('1 review', '1,204 questions answered'))).toEqual(names(page('312 reviews', '24 questions answered')));
});
