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
