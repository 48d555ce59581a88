// @vitest-environment happy-dom
/**
 * Where a secret may go on the page (reviews, session 25): a replay's secret `{{param}}` or a secret answer to ask()
 * is refused at the page bridge — before anything reaches the page — wherever a repaired (or model-written) script
 * puts its hole or token (or, second layer, its value) where it does not belong; the refusal is the script's to repair
 * and names the secret by its hole, never by its value. Transforms of the hole (late fill): secret-late-fill.test.ts.
 */
import * as v from 'valibot';
import { beforeEach, describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { PageBridge } from '../../../extension/features/automate/page-bridge.ts';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { savedSecretTargets, savedTypeTargets, secretField, secretGuard } from '../../../extension/features/automate/secret-guard.ts';
import { PageDocumentSchema, type ActRequest, type ElementEntry, type ListEntry, type PageDocument } from '../../../extension/protocol/schemas.ts';
import { fakeRunHost, finished, TAB, until } from './run-host-rig.ts';

const SECRET = 'Tr0ub4dor-and-3';
const KEY = 'sk-live-9f8e7d6c5b4a';
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: TAB, task: 'log in', model: 'fake', ...extra });
const promptOf = (request: string) => (JSON.parse(request) as { prompt: string }).prompt;
const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

beforeEach(() => {
  history.replaceState(null, '', '/');
  document.body.innerHTML = `<form aria-label="Log in" onsubmit="return false">
    <label for="user">User</label><input id="user">
    <label for="pw">Password</label><input id="pw" type="password">
    <label for="key">API key</label><input id="key">
  </form>
  <form role="search" aria-label="Search" onsubmit="return false"><label for="q">Search</label><input id="q"><button type="submit">Search</button></form>
  <form aria-label="Comment" onsubmit="return false"><label for="comment">Comment</label><textarea id="comment"></textarea>
    <label for="sort">Sort</label><select id="sort"><option>new</option><option>old</option></select>
    <button type="button" id="post">Post</button></form>`;
});

/** A run host that records every action sent to the page. */
function recorded(answers: string[]) {
  const sent: ActRequest[] = [];
  return { sent, ...fakeRunHost(answers, (request) => void sent.push(structuredClone(request))) };
}

/** Nothing of the secret, in any form, anywhere the run keeps or shows. */
function expectNowhere(secret: string, ...places: unknown[]) {
  const text = JSON.stringify(places).toLowerCase();
  expect(text).not.toContain(secret.toLowerCase());
  expect(text).not.toContain(secret.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** The page is as it was: nothing typed into the public boxes, nothing chosen, no address changed. */
function expectPageUntouched() {
  expect([value('q'), value('comment'), value('sort'), location.pathname + location.search]).toEqual(['', '', 'new', '/']);
}

describe('a replay\'s secret parameter, in a repair', () => {
  const SAVED = '$log_in__user.type("{{user}}");\n$log_in__password.type("{{pw}}");\n$log_in__gone_button.click();\ndone(1);';
  const replay = (repair: string, extra: Partial<AutomateStart> = {}) => {
    const host = recorded([answer(repair)]);
    return host.runs.start(start({ known: { plan: 'saved', elements: [], script: SAVED }, params: { user: 'ann', pw: SECRET }, userValues: ['ann', SECRET], maxRepairs: 1, ...extra }))
      .then(() => finished(host.runs)).then(async (done) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { done, ...host };
      });
  };

  test.each([
    ['typed into the search box', '$search__search.type("{{pw}}");\n$search__search_button.click();\ndone(1);', 'type'],
    ['typed into a comment with other words', '$comment__comment.type("my pw is {{pw}}");\n$comment__post_button.click();\ndone(1);', 'type'],
    ['put together from pieces', 'const p = "{{pw}}";\nconst q = `${p.slice(0, 4)}` + p.slice(4);\n$search__search.type("find " + q);\ndone(1);', 'type'],
    ['in an address', 'navigate("/search?q={{pw}}");\ndone(1);', 'navigate'],
    ['chosen in a select', '$comment__sort.select("{{pw}}");\ndone(1);', 'select'],
  ])('%s: refused before it reaches the page, an ActionError that names {{pw}}', async (_how, repair, call) => {
    const { done, sent, prompts, stored } = await replay(repair);
    expectPageUntouched();
    // The saved script's own actions only: the password went into the password field and nowhere else.
    expect(sent.filter((r) => JSON.stringify(r.args ?? []).includes(SECRET)).map((r) => [r.action, r.target?.locators.find((l) => l.by === 'id')?.value])).toEqual([['type', 'pw']]);
    expect(sent.some((r) => r.action === call && r.action !== 'type')).toBe(false);
    expect(done.status).toBe('failed');
    const failure = done.report!.attempts[1]!.failure!;
    expect(failure.name).toBe('ActionError');
    expect(failure.message).toMatch(new RegExp(`${call}\\(\\) was refused: .*\\{\\{pw\\}\\}.*\\$log_in__password`));
    const refused = done.log.find((entry) => entry.error?.name === 'ActionError');
    expect(refused?.call).toBe(call);
    expectNowhere(SECRET, done, stored, prompts);
  });

  test('into the password field (sensitive) or where the saved script typed it: typed, the run is done', async () => {
    const { done, sent } = await replay('$log_in__password.type("{{pw}}");\n$log_in__user.type("{{user}}");\ndone(2);');
    expect(done.status, JSON.stringify(done.report?.summary)).toBe('done');
    expect([value('pw'), value('user')]).toEqual([SECRET, 'ann']);
    expect(sent.filter((r) => r.action === 'type')).toHaveLength(4);
  });

  describe('a secret the page shows (an API key field that is type=text)', () => {
    const saved = '$log_in__api_key.type("{{api_key}}");\n$log_in__gone_button.click();\ndone(1);';
    const run = async (repair: string, script = saved, extra: Partial<AutomateStart> = {}) => {
      const host = recorded([answer(repair)]);
      await host.runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { api_key: KEY }, userValues: [KEY], maxRepairs: 1, ...extra }));
      return { done: await finished(host.runs), ...host };
    };

    test('into the field the saved script typed it into: typed', async () => {
      const { done } = await run('$log_in__api_key.type("{{api_key}}");\ndone(2);');
      expect(done.status).toBe('done');
      expect(value('key')).toBe(KEY);
    });

    test('into another plain field, or read back from the page and typed elsewhere: refused', async () => {
      for (const repair of ['$log_in__user.type("{{api_key}}");\ndone(2);', 'const k = $log_in__api_key.value();\n$search__search.type(k);\ndone(2);']) {
        document.body.querySelectorAll('input, textarea').forEach((field) => void ((field as HTMLInputElement).value = ''));
        const { done, stored } = await run(repair);
        expect(done.status).toBe('failed');
        expect(done.report!.attempts[1]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringContaining('{{api_key}}') });
        expect([value('user'), value('q')]).toEqual(['', '']);
        expectNowhere(KEY, done, stored);
      }
    });

    test('the saved script\'s field under the name the page has now (found by its saved locators): typed; without them, refused', async () => {
      const script = '$nope.click();\n$settings__token.type("{{api_key}}");\ndone(1);';
      const knownElements = [{ pattern: '/settings', element: { name: 'settings__token', kind: 'text_input' as const, locators: [{ by: 'id' as const, value: 'key' }] } }];
      for (const known of [knownElements, []]) {
        (document.getElementById('key') as HTMLInputElement).value = '';
        const host = fakeRunHost([answer('$log_in__api_key.type("{{api_key}}");\ndone(2);')], undefined, {
          readDocument: async () => ({ ...buildPageDocument(document), url: 'https://app.example/settings' }),
        });
        await host.runs.start(start({ known: { plan: 'saved', elements: [], script }, knownElements: known, params: { api_key: KEY }, userValues: [KEY], maxRepairs: 1 }));
        const done = await finished(host.runs);
        expect(done.status, JSON.stringify(done.report?.attempts.map((a) => a.failure))).toBe(known.length ? 'done' : 'failed');
        expect(value('key')).toBe(known.length ? KEY : '');
      }
    });
  });
});

describe('a secret answer to ask()', () => {
  const asked = async (script: string, question = 'What is your password?') => {
    const { runs, stored, prompts } = fakeRunHost([answer(`const p = ask(${JSON.stringify(question)});\n${script}`)]);
    await runs.start(start({ maxRepairs: 0 }));
    const asking = await until(runs, (run) => run.question !== null);
    runs.respond(asking.runId, { answer: { id: asking.question!.id, text: SECRET } });
    return { done: await finished(runs), stored, prompts };
  };

  test.each([
    ['$search__search.type(p);'],
    ['$comment__comment.type("note to self: " + p);'],
    ['$log_in__user.type(p);'],
    ['navigate(`/search?q=${p}`);'],
  ])('%s: refused, named "a secret you gave"', async (script) => {
    const { done, stored } = await asked(`${script}\ndone(1);`);
    expectPageUntouched();
    expect(value('user')).toBe('');
    expect(done.status).toBe('failed');
    expect(done.report!.attempts[0]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringContaining('a secret you gave') });
    expectNowhere(SECRET, done, stored);
  });

  test.each([
    ['$log_in__password.type(p);', 'pw'],
    ['$log_in__api_key.type(p);', 'key'],
  ])('%s: typed (a password field, a field named for a secret)', async (script, id) => {
    const { done } = await asked(`${script}\ndone(1);`, 'What is your API key?');
    expect(done.status, JSON.stringify(done.report?.summary)).toBe('done');
    expect(value(id)).toBe(SECRET);
  });

  test('an answer to a question that asks for no secret goes anywhere', async () => {
    const { done } = await asked('$search__search.type(p);\ndone(1);', 'What should I search for?');
    expect(done.status).toBe('done');
    expect(value('q')).toBe(SECRET);
  });
});

test('say(), ask() and done() texts, which the page never sees, are not refused and stay masked', async () => {
  const script = 'say("pw is {{pw}}");\nconst a = ask("What is your password?");\nsay("and " + a);\ndone(["{{pw}}", a]);';
  const { runs, stored } = fakeRunHost([]);
  await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { pw: SECRET }, userValues: [SECRET], maxRepairs: 0 }));
  const asking = await until(runs, (run) => run.question !== null);
  runs.respond(asking.runId, { answer: { id: asking.question!.id, text: KEY } });
  const done = await finished(runs);
  expect(done.status).toBe('done');
  expect(done.said).toEqual(['pw is {{pw}}', 'and •••']);
  expect(done.report?.result).toEqual(['{{pw}}', '•••']);
  expect(done.log.map((entry) => [entry.call, entry.args, entry.result ?? null])).toEqual([
    ['say', ['pw is {{pw}}'], null], ['ask', ['What is your password?'], '•••'], ['say', ['and •••'], null], ['done', [['{{pw}}', '•••']], null],
  ]);
  expectNowhere(SECRET, done, stored);
  expectNowhere(KEY, done, stored);
});

test('step-wise: a secret typed into the search box or put in an address is refused, and the history holds its hole', async () => {
  const { runs, prompts, sent, stored } = recorded([
    `{"action":"type","target":"$search__search","text":"${SECRET}"}`,
    `{"action":"navigate","text":"/search?q=${SECRET}"}`,
    '{"action":"done","result":"gave up"}',
  ]);
  await runs.start(start({ mode: 'stepwise', params: { pw: SECRET }, userValues: [SECRET] }));
  const done = await finished(runs);
  expect(done.status).toBe('done');
  expectPageUntouched();
  expect(sent).toEqual([]);
  expect(promptOf(prompts[2]!)).toMatch(/failed: ActionError: \$search__search\.type\(\) was refused: the text holds \{\{pw\}\}/);
  expect(promptOf(prompts[2]!)).toMatch(/failed: ActionError: navigate\(\) was refused: the address holds \{\{pw\}\}/);
  expectNowhere(SECRET, done, stored, prompts);
});

describe('the bridge asks before anything reaches the page', () => {
  const source = {
    secrets: () => [{ token: '{{pw}}', value: SECRET, param: 'pw', matched: true }],
    tokenized: (text: string) => text.split(SECRET).join('{{pw}}'),
    replay: true, savedTargets: new Map<string, Set<string>>(), namedNow: () => [],
  };
  const doc = (): PageDocument => ({
    url: 'https://mail.example/', title: 'Mail', tokens: 1, truncated: false, stats: { nodes: 1, elements: 1, lists: 0, ms: 1 },
    sections: [{ name: 'main', kind: 'main', title: 'Main', entries: [{ name: 'search', kind: 'text_input', description: 'Search', locators: [{ by: 'id', value: 'q' }] }] }],
  });

  test('no step, no confirmation, no action: for navigate() to an irreversible address, or a step-by-step type()', async () => {
    const happened: string[] = [];
    const bridge = new PageBridge({
      readDocument: async () => doc(), ask: async () => '', say: () => undefined,
      act: async (request) => {
        happened.push(`act ${request.action}`);
        return { changed: false, navigated: false, url: doc().url };
      },
      confirm: async () => {
        happened.push('confirm');
        return true;
      },
      beforeAction: async () => {
        happened.push('step');
        return true;
      },
      onTarget: () => void happened.push('highlight'),
      secretGuard: secretGuard({ ...source, savedAsIs: false }),
    }, doc());
    await expect(bridge.call({ call: 'navigate', args: [`/account/delete?pw=${SECRET}`] })).rejects.toMatchObject({ name: 'ActionError', data: { secretRefused: true, secret: '{{pw}}' } });
    await expect(bridge.call({ call: 'type', target: { name: 'search' }, args: [SECRET] })).rejects.toMatchObject({ name: 'ActionError' });
    // (The sandbox takes only key names for press(); the bridge refuses a secret there all the same.)
    await expect(bridge.call({ call: 'press', target: { name: 'search' }, args: [SECRET] })).rejects.toMatchObject({ name: 'ActionError' });
    expect(happened).toEqual([]);
    await bridge.call({ call: 'type', target: { name: 'search' }, args: ['books'] });
    expect(happened).toEqual(['highlight', 'step', 'act type']);
  });

  test('the saved script as saved: nothing refused, where it types the secret recorded; what it reads as it is', () => {
    const savedTargets = new Map<string, Set<string>>();
    const guard = secretGuard({ ...source, savedTargets, savedAsIs: true });
    const entry = doc().sections[0]!.entries[0]!;
    expect(guard.check({ call: 'navigate', args: [`/join/${SECRET}`] })).toEqual({ args: [`/join/${SECRET}`], filled: false });
    expect(guard.check({ call: 'select', args: [SECRET], target: { name: 'search' }, entry })).toEqual({ args: [SECRET], filled: false });
    expect(savedTargets).toEqual(new Map([['pw', new Set(['search'])]]));
    expect(guard.shown(`it is ${SECRET}`)).toBe(`it is ${SECRET}`);
    // Any other attempt: the token typed whole where the saved script typed it is the value; a read shows the token.
    const repair = secretGuard({ ...source, savedTargets, savedAsIs: false });
    expect(repair.check({ call: 'type', args: ['{{pw}}'], target: { name: 'search' }, entry })).toEqual({ args: [SECRET], filled: true });
    expect(repair.shown({ read: [`it is ${SECRET}`] })).toEqual({ read: ['it is {{pw}}'] });
    expect(() => repair.check({ call: 'type', args: ['{{pw}}!'], target: { name: 'search' }, entry })).toThrow(/the text joins \{\{pw\}\}, a secret, to other text: a secret goes only on its own, type\("\{\{pw\}\}"\)/);
  });
});

describe('where a saved script types its parameters', () => {
  test('directly, through a variable, in a template, into a list item\'s field', () => {
    const script = [
      '$login__password.type("{{pw}}");',
      'const key = "{{api_key}}";',
      'let k2 = key;',
      '$settings__key.type(k2);',
      '$settings__again.type(`x ${key}`);',
      '$accounts[0].pin.type("{{pin}}");',
      '$search.type("{{query}}");',
      'say("{{pw}}");',
    ].join('\n');
    const targets = savedTypeTargets(script);
    expect(Object.fromEntries([...targets].map(([param, names]) => [param, [...names].sort()]))).toEqual({
      pw: ['login__password'], api_key: ['settings__again', 'settings__key'], pin: ['accounts.pin'], query: ['search'],
    });
    expect([...savedSecretTargets(script).keys()].sort()).toEqual(['api_key', 'pin', 'pw']);
    expect(savedTypeTargets('$x.type("{{pw}}"')).toEqual(new Map());
  });
});

describe('a field named for a secret', () => {
  const field = (name: string, description: string, extra: Partial<ElementEntry> = {}): ElementEntry => ({ name, kind: 'text_input', description, locators: [], ...extra });
  test.each([
    [field('settings__api_key', 'API key'), true],
    [field('verify__code', 'Verification code'), true],
    [field('settings__field', 'Field', { placeholder: 'Your access token' }), true],
    [field('log_in__user', 'User'), false],
    [field('checkout__promo_code', 'Promo code'), false],
    [field('search__search', 'Search tokens'), false],
    [field('page__token', 'Token', { effect: 'submits the comment form' }), false],
    [field('comment__secret', 'Secret'), false],
  ])('%j: %s', (entry, expected) => {
    expect(secretField(entry)).toBe(expected);
  });
});

describe('the pages a replay records for the site document (hiddenIn)', () => {
  const NAME = 'use_tr0ub4dor_and_3';
  const page = (url: string, pageId: string): PageDocument => {
    const list: ListEntry = {
      name: 'page__keys', kind: 'list', description: 'Keys', count: 2, fields: ['label', NAME], actions: [NAME],
      slots: [{ name: 'label', kind: 'text', selector: '.l' }, { name: NAME, kind: 'button', selector: '.u' }],
      samples: [{ label: 'first', [NAME]: 'Use it' }], itemSelector: 'li', locators: [{ by: 'id', value: 'keys' }],
      itemNames: [`page__${NAME}_button`, 'page__other_button'],
    };
    return {
      url, title: 'Keys', tokens: 1, truncated: false, stats: { nodes: 1, elements: 3, lists: 1, ms: 1 }, pageId,
      sections: [
        { name: 'page', kind: 'page', title: '', entries: [
          { name: 'page__go_button', kind: 'button', description: 'Go', locators: [{ by: 'id', value: 'go' }] },
          { name: `page__${NAME}_link`, kind: 'link', description: `Use ${SECRET}`, locators: [{ by: 'id', value: 'use' }] },
          list,
        ] },
        { name: NAME, kind: 'region', title: `Use ${SECRET}`, entries: [{ name: `${NAME}__ok_button`, kind: 'button', description: 'OK', locators: [{ by: 'id', value: 'ok' }] }] },
      ],
    };
  };

  test('keep every name whole and valid: one that holds the secret is dropped with its entry, field or section', async () => {
    let current = page('https://app.example/a', 'a');
    const recorded: Array<[PageDocument, string, PageDocument]> = [];
    const { runs } = fakeRunHost([], (request) => {
      if (request.action !== 'click') return Promise.resolve({ changed: false, navigated: false, url: current.url });
      const [clicked, before] = [request.target!.locators[0]!.value, current.pageId];
      current = page(`https://app.example/${clicked}`, clicked);
      return Promise.resolve({ changed: true, navigated: true, url: current.url, pageId: before });
    }, { readDocument: async () => current, onNavigated: (from, element, to) => void recorded.push([from, element, to]) });
    const script = `$page__go_button.click();\n$page__${NAME}_link.click();\ndone(1);`;
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { password: SECRET }, userValues: [SECRET], maxRepairs: 0 }));
    const done = await finished(runs);
    expect(done.status, JSON.stringify(done.report?.summary ?? done.error)).toBe('done');
    // The click on the element named with the secret is no edge to keep; the one on "Go" is, with both pages.
    expect(recorded.map(([, element]) => element)).toEqual(['page__go_button']);
    const [from] = recorded[0]!;
    for (const doc of [recorded[0]![0], recorded[0]![2]]) {
      expect(v.safeParse(PageDocumentSchema, doc).success, JSON.stringify(v.safeParse(PageDocumentSchema, doc).issues?.[0])).toBe(true);
      expectNowhere(SECRET, doc);
    }
    expect(from.sections.map((s) => s.name)).toEqual(['page']);
    expect(from.sections[0]!.entries.map((e) => e.name)).toEqual(['page__go_button', 'page__keys']);
    const list = from.sections[0]!.entries[1] as ListEntry;
    expect([list.fields, list.actions, list.slots.map((s) => s.name), list.samples, list.itemNames])
      .toEqual([['label'], [], ['label'], [{ label: 'first' }], ['', 'page__other_button']]);
  });
});
