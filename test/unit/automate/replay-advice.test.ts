/** A failed replay's advice says the plainer cause first (explorer, session 32: one advice for every failure). */
import { expect, test } from 'vitest';
import { replayAdvice } from '../../../extension/features/automate/ReplayOutcome.tsx';

test('a broken recorded way, a page gone (404) and a budget each say so before the usual advice; others keep it', () => {
  const broken = replayAdvice(false, { name: 'NotFoundError', message: '`$profile__name` is on another page of the site, but the recorded way there is broken: `$menu__settings_link` is not on the page now' });
  expect(broken).toMatch(/^The way it goes to another page of the site is no longer there: open that page yourself once.*The page may have changed/);
  expect(replayAdvice(true, { name: 'NavigationError', message: 'navigate("/old"): the site answered 404 (no such page); …' })).toMatch(/^A page it goes to is no longer on the site\. The page may have changed/);
  expect(replayAdvice(false, { name: 'BudgetError', message: 'the script ran more than 100000 steps' })).toMatch(/^It ran past its budget/);
  expect(replayAdvice(false, { name: 'NotFoundError', message: 'no element named `$x` on this page' })).toMatch(/^The page may have changed since this script was saved\. Tick/);
  expect(replayAdvice(true)).toMatch(/^The page may have changed since this script was saved, and the model could not repair it either/);
});
