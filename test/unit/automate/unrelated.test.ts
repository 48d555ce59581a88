import { describe, expect, test } from 'vitest';
import { unrelatedScript } from '../../../extension/features/automate/unrelated.ts';

/** The scripts the bundled script writer wrote on a shop page (exploratory test, session 21), and scripts that fit. */
describe('a script that acts on nothing the task names', () => {
  test.each([
    ['go to the next page', '$header__one_stop_market_link.click();'],
    ['list the product names on this page', '$footer__contact_us_link.click();\ndone("ok");'],
    ['subscribe to the newsletter with ann@example.com', '$footer__contact_us_link.click();'],
  ])('%s: %s is refused', (task, script) => {
    expect(unrelatedScript(script, task)).toMatchObject({ name: 'ActionError', data: { state: 'unrelated' }, message: expect.stringMatching(/acts only on \$/) });
  });

  test.each([
    ['go to the next page', '$pagination__next_link.click();'],
    ['Search the mail for Weekly Byte', '$search_mail__search_mail.type("Weekly Byte");\n$search_mail__search_button.click();'],
    ['Add the todo Buy bread', '$todos__new_todo.type("Buy bread");\n$todos__add_button.click();'],
    ['Remove "Walk the dog"', 'const t = $todos__todo_items.find("Walk the dog");\nt.remove.click();'],
    ['Press Menu', '$header__menu_button.click();'],
    ['Sign up as Ann', '$signup__full_name.type("Ann");\n$signup__create_account_button.click();'],
    ['Fill this form with my address: Ada, 221B Baker Street', '$shipping_address__full_name.type("Ada");\n$shipping_address__street.type("221B Baker Street");'],
    ['Count the todos', 'done($todos__todo_items.length);'],
    ['Open the second message', '$inbox__messages[1].open();'],
  ])('%s: fits', (task, script) => {
    expect(unrelatedScript(script, task)).toBeNull();
  });
});
