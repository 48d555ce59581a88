import { afterAll, beforeAll, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { tabIdOf } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { runKnown, startSnapshotRig, type SnapshotRig } from './automation-rig.ts';
import type { PageDocument } from '../../extension/protocol/schemas.ts';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { renderDocument } from '../../extension/content/document/render.ts';

let s: SnapshotRig | undefined;
let mine: Awaited<ReturnType<typeof serveStatic>> | undefined;
beforeAll(async () => { s = await startSnapshotRig(); mine = await serveStatic({ '/mine/': '/tmp/explore/pages' }); }, 180_000);
afterAll(async () => { await s?.close(); await mine?.close(); });

interface Task { docAfter?: boolean; url: string; scripts: string[]; confirm?: 'yes' | 'no'; noDoc?: boolean; json?: boolean }

test('explore', async () => {
  const tasks = JSON.parse(readFileSync(process.env.EXPLORE ?? '/tmp/explore/tasks.json', 'utf8')) as Task[];
  for (const t of tasks) {
    const base = t.url.startsWith('/pages/') ? s!.snapshots.url(t.url) : t.url.startsWith('/mine/') ? mine!.url(t.url) : s!.rig.pages.url(t.url);
    for (const script of t.scripts.length ? t.scripts : ['']) {
      const tab = await s!.rig.harness.context.newPage();
      await tab.goto(base);
      await tab.waitForTimeout(300);
      const tabId = await tabIdOf(s!.rig.harness, tab);
      if (!t.noDoc) {
        const reply = await sendFromPage(s!.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
        console.log(`===== DOC ${t.url}\n${t.json ? JSON.stringify(reply.payload, null, 1) : renderDocument(reply.payload)}`);
        t.noDoc = true;
      }
      if (script) {
        try {
          const { report, asked } = await runKnown(s!.panel, tabId, script, { confirm: t.confirm ?? 'yes', timeoutMs: 90_000 });
          const rep = report as unknown as { status: string; result?: unknown; attempts: { failure?: unknown; log?: unknown }[] };
          console.log(`----- SCRIPT ${t.url}\n${script}\n=> status=${rep.status} result=${JSON.stringify(rep.result)}\nasked=${JSON.stringify(asked)}\nfailure=${JSON.stringify(rep.attempts.at(-1)?.failure)}`);
          const run = ((await sendFromPage(s!.panel, envelope('automate.state', { tabId }))) as { payload: { run: { log: unknown[] } } }).payload.run;
          console.log('url=' + tab.url() + '\nlog=' + JSON.stringify(run.log).slice(0, 3000));
          if (t.docAfter) { const r2 = await sendFromPage(s!.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument }; console.log('===== DOC AFTER\n' + renderDocument(r2.payload)); }
        } catch (e) { console.log(`----- SCRIPT ${t.url}\n${script}\n=> THREW ${String(e).slice(0, 800)}`); }
      }
      await tab.close();
    }
  }
}, 1_500_000);
