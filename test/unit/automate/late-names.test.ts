// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { PageBridge, scriptNames } from '../../../extension/features/automate/page-bridge.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import type { Bridge } from '../../../extension/sandbox/capabilities/bridge.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * A `$name` the page did not have when the run started (step 2 of a form) is asked for again when the script reaches
 * it; a name that is still not there is the same NotFoundError as before, with its suggestion and position.
 */
describe('names that appear while the script runs', () => {
  test('interpreter: unknown at the start, known by the bridge later → usable; never known → NotFoundError', async () => {
    const bridge = new FakeBridge({ elements: { next: { kind: 'button' }, plan: { kind: 'select', options: ['Team'] } } });
    const startNames = bridge.names().filter((n) => n.name === 'next');
    const ok = await runScript('$next.click();\n$plan.select("Team");\ndone($plan.value());', automationCapabilities(bridge, startNames));
    expect(ok.ok, JSON.stringify(ok.error)).toBe(true);
    expect(ok.result).toBe('Team');
    expect(bridge.calls.map((c) => c.call)).toEqual(['click', 'select', 'value']);

    const missing = await runScript('$next.click();\n$plam.select("Team");', automationCapabilities(new FakeBridge({ elements: { next: { kind: 'button' }, plan: { kind: 'select' } } }), startNames));
    expect(missing.ok).toBe(false);
    // The suggestion comes from the names the bridge gave when asked.
    expect(missing.error).toMatchObject({ name: 'NotFoundError', data: { line: 2, column: 1, suggestion: '$plan' } });
  });

  test('a bridge that fails to answer `names` leaves the name unknown (NotFoundError), not a crash', async () => {
    const broken: Bridge = { call: async (c) => { if (c.call === 'names') throw new Error('gone'); return null; } };
    const result = await runScript('$later.click();', automationCapabilities(broken, []));
    expect(result.error?.name).toBe('NotFoundError');
  });

  test('page bridge on a real two-step form: one script fills step 1, presses Next, fills step 2', async () => {
    document.body.innerHTML = `
      <form aria-label="Sign up" onsubmit="return false">
        <div id="s1"><label for="name">Full name</label><input id="name"><button type="button" id="next">Next</button></div>
        <div id="s2" hidden><label for="plan">Plan</label><select id="plan"><option>Free</option><option>Team</option></select>
          <button type="button" id="finish">Finish</button></div>
      </form><p id="out"></p>`;
    document.getElementById('next')!.addEventListener('click', () => {
      document.getElementById('s1')!.hidden = true;
      document.getElementById('s2')!.hidden = false;
    });
    document.getElementById('finish')!.addEventListener('click', () => {
      document.getElementById('out')!.textContent = `${(document.getElementById('name') as HTMLInputElement).value} on ${(document.getElementById('plan') as HTMLSelectElement).value}`;
    });
    const readDocument = async () => buildPageDocument(document);
    const first = await readDocument();
    const names = scriptNames(first);
    expect(names.map((n) => n.name)).not.toContain('sign_up__plan');
    const bridge = new PageBridge({
      act: (request) => act(document, { settleMs: 20, ...request }), readDocument,
      confirm: async () => true, ask: async () => '', say: () => undefined,
    }, first, ['Ada']);
    const result = await runScript(
      '$sign_up__full_name.type("Ada");\n$sign_up__next_button.click();\n$sign_up__plan.select("Team");\n$sign_up__finish_button.click();\ndone("ok");',
      automationCapabilities(bridge, names),
    );
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(document.getElementById('out')!.textContent).toBe('Ada on Team');
  });
});

/**
 * `waitFor($name)` of a name the page has not shown yet (an offer a page adds a moment after it loads): waited for up
 * to its timeout, the page read again meanwhile, whether the script knows the name (a saved script, another state of
 * the page in the site document) or guesses it; one that never comes is a NotFoundError with the closest name.
 */
describe('waitFor() of a name the page brings later', () => {
  const OFFER = '<section aria-label="Offers"><button type="button" id="claim">Claim offer</button></section>';
  /** A page that adds the offer `ms` after the run starts (never, without `ms`); the bridge counts its reads. */
  function latePage(ms?: number) {
    document.body.innerHTML = '<main><h1>Todos</h1><label for="t">New todo</label><input id="t"></main>';
    if (ms !== undefined) setTimeout(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', OFFER), ms);
    let reads = 0;
    const readDocument = async () => {
      reads++;
      return { ...buildPageDocument(document), pageId: 'late-offer' };
    };
    const first = { ...buildPageDocument(document), pageId: 'late-offer' };
    const bridge = new PageBridge({
      act: (request) => act(document, { settleMs: 10, ...request }), readDocument,
      confirm: async () => true, ask: async () => '', say: () => undefined,
    }, first);
    return { bridge, names: scriptNames(first), reads: () => reads };
  }
  const SCRIPT = 'waitFor($offers__claim_offer_button, 3000);\n$offers__claim_offer_button.click();\ndone($offers__claim_offer_button.text());';

  test('a name the script guesses (the run\'s names lack it): waited for, then used', async () => {
    const { bridge, names } = latePage(400);
    expect(names.map((n) => n.name)).not.toContain('offers__claim_offer_button');
    const result = await runScript(SCRIPT, automationCapabilities(bridge, names));
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toBe('Claim offer');
    expect(result.log.map((e) => [e.call, e.result])).toEqual([['waitFor', true], ['click', null], ['text', 'Claim offer'], ['done', undefined]]);
  });

  test('a name the script knows from elsewhere (a saved script, the site document): waited for, then used', async () => {
    const { bridge, names } = latePage(400);
    const result = await runScript(SCRIPT, automationCapabilities(bridge, [...names, { name: 'offers__claim_offer_button', kind: 'button' }]));
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toBe('Claim offer');
  });

  test('one that never comes: a NotFoundError after the page was read again, with the closest name', async () => {
    const { bridge, names, reads } = latePage();
    for (const known of [false, true]) {
      const before = reads();
      const result = await runScript('waitFor($offers__claim_offer_button, 700);\ndone(1);',
        automationCapabilities(bridge, known ? [...names, { name: 'offers__claim_offer_button', kind: 'button' }] : names));
      expect(result.ok).toBe(false);
      expect(result.error).toMatchObject({ name: 'NotFoundError', data: { line: 1, column: 1, name: 'offers__claim_offer_button' } });
      expect(result.error?.message).toMatch(/^`\$offers__claim_offer_button` did not appear on the page within 700 ms/);
      expect(reads() - before).toBeGreaterThan(1);
    }
    const typo = await runScript('waitFor($add_todo__new_tod, 300);', automationCapabilities(bridge, names));
    expect(typo.error).toMatchObject({ name: 'NotFoundError', data: { suggestion: expect.stringMatching(/^\$.*new_todo$/) } });
  });
});

describe('waitFor() as the first page call keeps to the run\'s document (review 3)', () => {
  test('another document the tab went to meanwhile, not by an action of the run: the run stops, nothing acted there', async () => {
    document.body.innerHTML = '<main><h1>Todos</h1><label for="t">New todo</label><input id="t"></main>';
    let pageId = 'A';
    let url = 'http://localhost:3000/todos';
    // The user (or the site) opens another page of the site a moment in: it has what the script waits for.
    setTimeout(() => {
      pageId = 'B';
      url = 'http://localhost:3000/account/danger';
      document.body.innerHTML = '<main><section aria-label="Offers"><button type="button" id="claim">Claim offer</button></section></main>';
    }, 300);
    const readDocument = async () => ({ ...buildPageDocument(document), pageId, url });
    const first = await readDocument();
    const acted: string[] = [];
    const bridge = new PageBridge({
      act: async (request) => {
        acted.push(`${request.action}@${pageId}`);
        return { value: request.action === 'waitFor' ? true : null, changed: false, navigated: false, url, pageId };
      },
      readDocument, confirm: async () => true, ask: async () => '', say: () => undefined,
    }, first);
    const result = await runScript('waitFor($offers__claim_offer_button, 3000);\n$offers__claim_offer_button.click();\ndone(1);', automationCapabilities(bridge, scriptNames(first)));
    expect(acted).toEqual([]);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'NavigationError', message: expect.stringContaining('the page changed while the run was going') });
  });

  test('the same page drawing it late (same document): waited for and used', async () => {
    document.body.innerHTML = '<main><h1>Todos</h1><label for="t">New todo</label><input id="t"></main>';
    setTimeout(() => {
      document.body.insertAdjacentHTML('beforeend', '<section aria-label="Offers"><button type="button" id="claim">Claim offer</button></section>');
    }, 300);
    const readDocument = async () => ({ ...buildPageDocument(document), pageId: 'A', url: 'http://localhost:3000/todos' });
    const first = await readDocument();
    const acted: string[] = [];
    const bridge = new PageBridge({
      act: async (request) => {
        acted.push(request.action);
        return { value: request.action === 'waitFor' ? true : null, changed: false, navigated: false, url: 'http://localhost:3000/todos', pageId: 'A' };
      },
      readDocument, confirm: async () => true, ask: async () => '', say: () => undefined,
    }, first);
    const result = await runScript('waitFor($offers__claim_offer_button, 3000);\n$offers__claim_offer_button.click();\ndone(1);', automationCapabilities(bridge, scriptNames(first)));
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(acted).toEqual(['waitFor', 'click']);
  });
});
