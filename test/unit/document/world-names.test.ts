// @vitest-environment happy-dom
/** Exploratory test, session 22: names in Devanagari, Thai, Japanese, Arabic and with emoji were dropped on the wire. */
import { expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { fitToSchema } from '../../../extension/protocol/fit.ts';
import { PageDocumentSchema } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

const names = (doc: { sections: { entries: { name: string }[] }[] }) => doc.sections.flatMap((s) => s.entries.map((e) => e.name));

test('controls labelled in any script, or with emoji, keep their entries through the message schema and can be scripted', async () => {
  document.body.innerHTML = `
    <form aria-label="पंजीकरण"><label>नाम <input id="hi"></label><button type="button">जमा करें</button></form>
    <form aria-label="แบบฟอร์ม"><label>ชื่อ <input id="th"></label><button type="button">ส่งข้อมูล</button></form>
    <section><h2>ボタンの設定</h2><button type="button">ボタン</button><button type="button">Send ✉️</button><button type="button">🗑️ Remove</button></section>
    <form aria-label="طلب"><button type="button">إرسال الطلب</button></form>`;
  const built = buildPageDocument(document, {});
  const sent = fitToSchema(PageDocumentSchema, built);
  expect(names(sent)).toEqual(names(built));
  expect(names(sent)).toHaveLength(built.stats.elements);
  expect(names(sent)).toContain('ボタンの設定__ボタン_button');
  expect(names(sent)).toContain('ボタンの設定__send_button');
  expect(names(sent).some((name) => /\uFE0F/.test(name))).toBe(false);
  const hindi = names(sent).find((name) => name.endsWith('_button') && /[\u0900-\u097F]/.test(name))!;
  expect(hindi).toMatch(/जमा_करें/);
  const bridge = new FakeBridge({ elements: Object.fromEntries(names(sent).map((name) => [name, { kind: name.endsWith('_button') ? 'button' : 'text_input' }])) });
  const ran = await runScript(`$${hindi}.click();\n$ボタンの設定__ボタン_button.click();\ndone(1);`, automationCapabilities(bridge, bridge.names()));
  expect(ran.ok, JSON.stringify(ran.error)).toBe(true);
  expect(bridge.calls.map((call) => call.call)).toEqual(['click', 'click']);
});

// Review, session 22: NFC turned Korean names from jamo (as saved scripts hold them) into syllables; a keycap emoji
// left an enclosing mark no script can parse.
test('Korean names stay in jamo as before; a keycap emoji leaves no mark in a name', async () => {
  const { slug } = await import('../../../extension/content/document/text.ts');
  expect(slug('검색')).toBe('검색'.normalize('NFD'));
  expect(slug('1️⃣ Step')).toBe('1_step');
  const ran = await runScript(`$${slug('1️⃣ Step')}.click();`, automationCapabilities(new FakeBridge({ elements: { '1_step': { kind: 'button' } } }), []));
  expect(ran.ok, JSON.stringify(ran.error)).toBe(true);
});
