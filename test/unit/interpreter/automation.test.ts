import { describe, expect, test } from 'vitest';
import { ActionError, NavigationError } from '../../../extension/protocol/errors.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge, type FakePage } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

const mail: FakePage = {
  elements: {
    compose_button: { kind: 'button', text: 'Compose' },
    compose_form__to: { kind: 'text_input' },
    compose_form__subject: { kind: 'text_input' },
    compose_form__send: { kind: 'button', text: 'Send', disabled: true },
    settings__language: { kind: 'select', options: ['English', 'Deutsch'], value: 'English' },
    settings__dark: { kind: 'checkbox', checked: false },
    banner: { kind: 'text', text: 'Welcome back', hidden: true },
  },
  lists: {
    inbox__messages: [
      { subject: 'Weekly newsletter', from: 'news@example.com' },
      { subject: 'Lunch?', from: 'ana@example.com' },
      { subject: 'Another newsletter', from: 'deals@example.com' },
    ],
  },
  answers: ['Bob'],
  paths: ['/', '/inbox', '/settings'],
};

async function run(source: string, page: FakePage = mail, budgets = {}) {
  const bridge = new FakeBridge(page);
  const result = await runScript(source, automationCapabilities(bridge, bridge.names()), { budgets });
  return { bridge, result };
}

describe('automation capabilities', () => {
  test('element handles act through the bridge, and every call is logged with its line', async () => {
    const { bridge, result } = await run(`
      $compose_button.click();
      $compose_form__to.type("a@b.c");
      $settings__language.select("Deutsch");
      $settings__dark.check();
      const label = $compose_button.text();
      done({ label, to: $compose_form__to.value(), dark: $settings__dark.value() });
    `);
    expect(result.error).toBeUndefined();
    expect(result.finishedBy).toBe('done');
    expect(result.result).toEqual({ label: 'Compose', to: 'a@b.c', dark: true });
    expect(bridge.elements.settings__language!.value).toBe('Deutsch');
    expect(bridge.calls.map((c) => c.call)).toEqual(['click', 'type', 'select', 'check', 'text', 'value', 'value']);
    expect(bridge.calls[1]).toEqual({ call: 'type', target: { name: 'compose_form__to' }, args: ['a@b.c'] });
    expect(result.log.map((e) => [e.call, e.target ?? null, e.line])).toEqual([
      ['click', '$compose_button', 2], ['type', '$compose_form__to', 3], ['select', '$settings__language', 4],
      ['check', '$settings__dark', 5], ['text', '$compose_button', 6], ['value', '$compose_form__to', 7],
      ['value', '$settings__dark', 7], ['done', null, 7],
    ]);
    expect(result.log[4]!.result).toBe('Compose');
    expect(result.stats.actions).toBe(4);
  });

  test('lists: length, index, fields, find, filter, for…of, open', async () => {
    const { bridge, result } = await run(`
      const n = $inbox__messages.length;
      const second = $inbox__messages[1].subject.text();
      const found = $inbox__messages.find("Lunch");
      const missing = $inbox__messages.find("nothing like this");
      const news = $inbox__messages.filter((m) => m.subject.text().includes("newsletter"));
      const senders = [];
      for (const m of $inbox__messages) senders.push(m.from.text());
      news[0].open();
      done({ n, second, foundIndex: found.index, missing, news: news.length, senders });
    `);
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual({
      n: 3, second: 'Lunch?', foundIndex: 1, missing: null, news: 2,
      senders: ['news@example.com', 'ana@example.com', 'deals@example.com'],
    });
    expect(bridge.lists.inbox__messages![0]!.opened).toBe('yes');
    // open() is a click the bridge sends to the item's opener (page-bridge.ts, openerSlot), not to the row.
    expect(bridge.calls.at(-2)).toEqual({ call: 'click', target: { name: 'inbox__messages', index: 0, open: true }, args: [] });
    // An item of a list being gone through: after an action, the list is counted (did the item leave it?).
    expect(bridge.calls.at(-1)).toEqual({ call: 'count', target: { name: 'inbox__messages' }, args: [] });
  });

  test('helpers: navigate, ask, say, wait, waitFor', async () => {
    const { bridge, result } = await run(`
      navigate("/settings");
      const name = ask("Who is this for?");
      say("Writing to", name);
      wait(5);
      const visible = waitFor($compose_button);
      done(name + (visible ? " ok" : ""));
    `);
    expect(result.error).toBeUndefined();
    expect(result.result).toBe('Bob ok');
    expect(bridge.path).toBe('/settings');
    expect(bridge.said).toEqual(['Writing to Bob']);
    expect(result.log.map((e) => e.call)).toEqual(['navigate', 'ask', 'say', 'wait', 'waitFor', 'done']);
    expect(result.log[1]).toMatchObject({ call: 'ask', args: ['Who is this for?'], result: 'Bob', line: 3 });
  });

  test('a section\'s name used as an element says it is a section and lists its entries, not the nearest name (explorer, session 36)', async () => {
    const { result } = await run('done($compose_form.text());');
    expect(result.error?.name).toBe('NotFoundError');
    expect(result.error?.message).toBe('`$compose_form` is a section of the page document, not an element: its entries are `$compose_form__to`, `$compose_form__subject`, `$compose_form__send`; text that is no control, list or message is not in the document at 1:6');
  });

  test('an unknown $name is a NotFoundError with position and the closest name', async () => {
    const { bridge, result } = await run('const x = 1;\n  $compose_buton.click();');
    expect(result.error?.name).toBe('NotFoundError');
    expect(result.error?.message).toBe('no element named `$compose_buton` on this page; did you mean `$compose_button`? at 2:3');
    expect(result.error?.data).toMatchObject({ line: 2, column: 3, suggestion: '$compose_button' });
    expect(bridge.calls).toEqual([]);
  });

  test('an unknown method is an ApiError with the closest method', async () => {
    const { result } = await run('$compose_button.clik();');
    expect(result.error?.name).toBe('ApiError');
    expect(result.error?.message).toMatch(/\$compose_button has no `clik`; did you mean `click`\? at 1:1/);
    expect(result.error?.data).toMatchObject({ suggestion: 'click', line: 1, column: 1 });
  });

  test('an item\'s method or field asked of the whole list says how to ask its items (explorer, session 39)', async () => {
    for (const [source, said] of [
      ['$inbox__messages.text()', 'it is a list: $inbox__messages[0].text() reads an item, $inbox__messages.map((item) => item.text()) all of them'],
      ['$inbox__messages.subject.text()', 'it is a list, and `subject` a field of its items: $inbox__messages[0].subject.text() reads the first, $inbox__messages.map((item) => item.subject.text()) all of them'],
      ['$inbox__messages.open()', 'it is a list: call .open() on one of its items ($inbox__messages[0].open(), or $inbox__messages.find("…").open())'],
    ]) {
      const { bridge, result } = await run(source!);
      expect(result.error?.name, source).toBe('ApiError');
      expect(result.error?.message, source).toBe(`$inbox__messages has no \`${/\.(\w+)/.exec(source!)![1]}\`: ${said} at 1:1`);
      expect(bridge.calls.filter((c) => c.call !== 'count')).toEqual([]);
    }
    // A member no item has either still gets the closest name.
    expect((await run('$inbox__messages.lenght')).result.error?.message).toMatch(/did you mean `length`\?/);
  });

  test('an unknown list field is a NotFoundError naming the fields', async () => {
    const { result } = await run('$inbox__messages[0].subjct.text()');
    expect(result.error?.name).toBe('NotFoundError');
    expect(result.error?.message).toMatch(/no field `subjct` \(fields: subject, from\); did you mean `subject`\?/);
    expect(result.error?.data).toMatchObject({ line: 1, suggestion: 'subject' });
  });

  test('bridge errors come back positioned: list index past the end, disabled button, bad option, navigation', async () => {
    const cases: Array<[string, string, RegExp, number]> = [
      ['const s = $inbox__messages[7].subject.text();', 'NotFoundError', /\$inbox__messages\[7\]\.subject: the list has 3 items/, 1],
      ['\n\n$compose_form__send.click();', 'ActionError', /disabled at 3:1/, 3],
      ['$settings__language.select("Klingon");', 'ActionError', /no option "Klingon"/, 1],
      ['navigate("/nowhere");', 'NavigationError', /no page at \/nowhere/, 1],
      ['navigate("https://evil.example/");', 'NavigationError', /takes a path on this site/, 1],
      ['navigate("javascript:alert(1)");', 'NavigationError', /takes a path on this site/, 1],
      ['$banner.click();', 'ActionError', /hidden/, 1],
    ];
    for (const [source, name, message, line] of cases) {
      const { result } = await run(source);
      expect(result.error?.name, source).toBe(name);
      expect(result.error?.message, source).toMatch(message);
      expect(result.error?.data?.line, source).toBe(line);
    }
  });

  test('press(key): a page action on a field with one of a few named keys; any other key is an ApiError before the page', async () => {
    const search: FakePage = { elements: { search__query: { kind: 'text_input', navigatesTo: '/results' }, search__go: { kind: 'button' } } };
    const { bridge, result } = await run('$search__query.type("lamp");\n$search__query.press("Enter");\ndone(1);', search);
    expect(result.error).toBeUndefined();
    expect(bridge.calls.at(-1)).toEqual({ call: 'press', target: { name: 'search__query' }, args: ['Enter'] });
    expect(bridge.path).toBe('/results');
    expect(result.log.map((e) => [e.call, e.target, e.args, e.line])).toContainEqual(['press', '$search__query', ['Enter'], 2]);
    expect(result.stats.actions).toBe(2);
    // Written in any case, sent as the key's own name.
    const lower = await run('$search__query.press("arrowdown");', search);
    expect(lower.bridge.calls).toEqual([{ call: 'press', target: { name: 'search__query' }, args: ['ArrowDown'] }]);
    for (const source of ['$search__query.press("Space");', '$search__query.press();', '$search__query.press(13);', '$search__query.press("Enter Enter");']) {
      const refused = await run(source, search);
      expect(refused.result.error?.name, source).toBe('ApiError');
      expect(refused.result.error?.message, source).toMatch(/\$search__query\.press\(\) takes one of the keys "Enter", "Escape", "ArrowDown", "ArrowUp", not .* at 1:1/);
      expect(refused.bridge.calls, source).toEqual([]);
    }
    // Counted against the action budget like any action.
    const budget = await run('while (true) $search__query.press("ArrowDown");', search, { actions: 3 });
    expect(budget.result.error?.data).toMatchObject({ budget: 'actions', limit: 3 });
    expect(budget.bridge.calls).toHaveLength(3);
    // The page says what a key on a button is: an ActionError from the bridge.
    expect((await run('$search__go.press("Enter");', search)).result.error?.name).toBe('ActionError');
  });

  test('the failing call is in the log with its error, for the repair loop', async () => {
    const { result } = await run('$compose_button.click();\n$compose_form__send.click();\nsay("unreached");');
    expect(result.log.map((e) => [e.call, e.error?.name ?? 'ok'])).toEqual([['click', 'ok'], ['click', 'ActionError']]);
  });

  test('scripts may catch a NotFound and carry on', async () => {
    const { result } = await run(`
      let note = "";
      try { $inbox__messages[9].open(); } catch (e) { note = e.name + " at line " + e.line; }
      done(note);
    `);
    expect(result.result).toBe('NotFoundError at line 3');
  });

  test('the action budget stops a run after N actions (reads are free)', async () => {
    const { bridge, result } = await run(`
      for (let i = 0; i < 10; i++) $compose_button.text();
      for (let i = 0; i < 100; i++) $compose_button.click();
    `, mail, { actions: 5 });
    expect(result.error?.name).toBe('BudgetError');
    expect(result.error?.data).toMatchObject({ budget: 'actions', limit: 5, line: 3 });
    expect(bridge.calls.filter((c) => c.call === 'click')).toHaveLength(5);
  });

  test('the default action budget is 20', async () => {
    const { bridge, result } = await run('while (true) $compose_button.click();');
    expect(result.error?.data).toMatchObject({ budget: 'actions', limit: 20 });
    expect(bridge.calls).toHaveLength(20);
  });

  test('a script cannot catch the page leaving its site, the tab changing while the run waited, or a Cancel', async () => {
    for (const data of [{ leftOrigin: true }, { pageChanged: true }, { cancelled: true }]) {
      const bridge = { call: async () => { throw new (data.cancelled ? ActionError : NavigationError)('stop', data); } };
      const result = await runScript('let caught = 0;\ntry { $compose_button.click(); } catch (e) { caught = 1; }\ndone(caught);',
        automationCapabilities(bridge, [{ name: 'compose_button', kind: 'button' }]));
      expect(result.ok, JSON.stringify(data)).toBe(false);
      expect(result.error?.data).toMatchObject(data);
    }
  });

  test('a name the run did not start with is asked for by name (the bridge may wait for a slow page to bring it); a page that left the site stops the run', async () => {
    const asked: unknown[][] = [];
    const late = { call: async (request: { call: string; args: unknown[] }) => {
      if (request.call !== 'names') return null;
      asked.push(request.args);
      return [{ name: 'order__track_button', kind: 'button' }] as never;
    } };
    const ok = await runScript('$order__track_button.click();\ndone(1);', automationCapabilities(late, []));
    expect(ok.ok).toBe(true);
    expect(asked).toEqual([['order__track_button']]);
    const away = { call: async () => {
      throw new NavigationError('the page left https://shop.example for https://evil.example: the run stops here', { leftOrigin: true });
    } };
    const left = await runScript('$order__track_button.click();', automationCapabilities(away, []));
    expect(left.error).toMatchObject({ name: 'NavigationError', data: { leftOrigin: true } });
  });

  test('a bridge that never answers ends with the time budget', async () => {
    const bridge = { calls: 0, call: () => new Promise<never>(() => {}) };
    const result = await runScript('$compose_button.click()', automationCapabilities(bridge, [{ name: 'compose_button', kind: 'button' }]), { budgets: { timeMs: 100 } });
    expect(result.error?.name).toBe('BudgetError');
    expect(result.error?.data).toMatchObject({ budget: 'timeMs', line: 1 });
  });

  test('a run can be stopped from outside', async () => {
    const controller = new AbortController();
    const bridge = new FakeBridge({ ...mail, delayMs: 20 });
    setTimeout(() => controller.abort(), 50);
    const result = await runScript('while (true) $compose_button.text();', automationCapabilities(bridge, bridge.names()), { signal: controller.signal });
    expect(result.error?.name).toBe('AbortError');
    expect(bridge.calls.length).toBeLessThan(10);
  });

  test('handles cannot be assigned to, and have no constructor', async () => {
    expect((await run('$compose_button.click = 1')).result.error?.name).toBe('ApiError');
    expect((await run('const k = "constr" + "uctor"; $compose_button[k]')).result.error?.name).toBe('ApiError');
    expect((await run('$compose_button["constructor"]')).result.error?.name).toBe('ScriptSyntaxError');
    expect((await run('$compose_button.constructor')).result.error?.name).toBe('ScriptSyntaxError');
  });

  test('math helpers are not page helpers: no print, no answer in automation, no $names in math', async () => {
    expect((await run('answer(1)')).result.error?.name).toBe('ApiError');
  });
});

test('a browser global a model reaches for (history.back(), setTimeout, alert) says what scripts use instead (explorer, session 32)', async () => {
  const cases: Array<[string, RegExp]> = [
    ['history.back();', /`history` is not defined: scripts have no browser globals; go to a page of the site with `navigate\(path\)`/],
    ['setTimeout(() => done(1), 100);', /`setTimeout` is not defined: .*`wait\(ms\)`/],
    ['alert("hi");', /`alert` is not defined: .*`say\(text\)`/],
  ];
  for (const [source, message] of cases) {
    const { result } = await run(source);
    expect(result.error?.name, source).toBe('ApiError');
    expect(result.error?.message, source).toMatch(message);
  }
});
