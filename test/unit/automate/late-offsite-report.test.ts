// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import { fakeRunHost, finished, TAB, until } from './run-host-rig.ts';

/**
 * A form to another site the page sends by itself a moment after the script's last action is stopped by the
 * executor's late watch; the run used to say "done" and nothing of it (the error that said it was swallowed at the
 * end of the run; review 3). The run's report says it now: what the script did may not have been saved.
 */
const HERE = 'http://localhost:3000/plan';
const read = async (): Promise<PageDocument> => ({ ...buildPageDocument(document), url: HERE });
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (extra: Partial<AutomateStart> = {}): AutomateStart => ({ tabId: TAB, task: 'choose the pro plan', model: 'fake', maxRepairs: 0, ...extra });
/** happy-dom sets the window's address to where a submission the page let go on went. */
const location_ = () => location.href;

function planPage(method: 'get' | 'post'): { name: string; seen: string[] } {
  const seen: string[] = [];
  document.body.innerHTML = `<main><h1>Plan</h1><form id="save" aria-label="Plan" method="${method}" action="https://billing.other.example/save"><label for="plan">Plan</label><select id="plan" name="plan"><option>Free</option><option>Pro</option></select></form></main>`;
  const form = document.getElementById('save') as HTMLFormElement;
  // The page's own handler sees it and lets it go on (a real navigation to the other site).
  form.addEventListener('submit', () => seen.push('submit'));
  document.getElementById('plan')!.addEventListener('change', () => setTimeout(() => form.requestSubmit(), 100));
  return { name: buildPageDocument(document).sections.flatMap((s) => s.entries).find((e) => e.kind === 'select')!.name, seen };
}

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(HERE);
});

describe('an off-site submission after the last action is said in the run\'s report', () => {
  test('a GET auto-save to another site a moment after the last select(): stopped, and the run fails saying so', async () => {
    const { name, seen } = planPage('get');
    const { runs } = fakeRunHost([answer(`$${name}.select("Pro");\ndone("Pro plan chosen");`)], undefined, { readDocument: read });
    await runs.start(start());
    const run = await finished(runs);
    expect(seen).toEqual(['submit']);
    expect(location_()).toBe(HERE);
    expect(run.report?.status).toBe('failed');
    expect(JSON.stringify(run.report)).toMatch(/leaves localhost:3000 for billing\.other\.example: a run stays on its site/);
  });

  test('a POST one is asked about first (its handler might send it itself); confirmed, it is stopped and said', async () => {
    const { name, seen } = planPage('post');
    const { runs } = fakeRunHost([answer(`$${name}.select("Pro");\ndone("Pro plan chosen");`)], undefined, { readDocument: read });
    const { runId } = await runs.start(start());
    const asking = await until(runs, (run) => !!run.confirm || run.status !== 'running');
    expect(asking.confirm?.reason).toMatch(/billing\.other\.example/);
    expect(seen).toEqual([]);
    runs.respond(runId, { confirm: { id: asking.confirm!.id, ok: true } });
    const run = await finished(runs);
    expect(seen).toEqual(['submit']);
    expect(location_()).toBe(HERE);
    expect(run.report?.status).toBe('failed');
    expect(JSON.stringify(run.report)).toMatch(/for billing\.other\.example: a run stays on its site/);
  });
});
