import { afterAll, beforeAll, expect, test } from 'vitest';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * A click on a link another app opens (`mailto:`, `tel:`): Chrome fires `beforeunload`, but the page stays. The
 * executor used to call that a navigation, and the run then waited ~4 s for a page that never came (exploratory test,
 * session 25: bbc-1's and medium-1's "Email" share links).
 */

let rig: ExecutorRig | undefined;
beforeAll(async () => {
  rig = await startExecutorRig('busy/?clock=0&bar=0&carousel=0');
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

test('a mailto: or tel: link is no navigation; a link to a page of the site still is', async () => {
  const page = rig!.page;
  const start = page.url();
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend',
    '<a id="mail" href="mailto:editor@example.com">Email</a> <a id="call" href="tel:+441234567890">Call</a> <a id="same" href="./?clock=0&bar=0&carousel=0&next=1">Next</a>'));
  for (const id of ['mail', 'call']) {
    const reply = await rig!.act(id, 'click');
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, payload: { navigated: false } });
    expect(page.url()).toBe(start);
  }
  const next = await rig!.act('same', 'click');
  expect(next, JSON.stringify(next)).toMatchObject({ ok: true, payload: { navigated: true } });
  await page.waitForURL(/next=1$/);
});
