// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { parseScript, runScript } from '../../../extension/sandbox/interpreter/index.ts';
import { documentNames, fakePageFor, taskSamplesFor, type Sample } from '../../../extension/features/automate/samples.ts';

const root = resolve(import.meta.dirname, '../../..');

let demoLoaded = false;

/** The demo app, built as the content script builds it (its own script fills the message list and routes). */
async function demoDocument(folder = 'inbox'): Promise<PageDocument> {
  if (!demoLoaded) {
    const html = readFileSync(resolve(root, 'demo/index.html'), 'utf8');
    document.head.innerHTML = '';
    document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
    document.title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    // Test code runs the demo's own script, once, as the page would (a trusted file of this repository).
    // eslint-disable-next-line no-new-func
    new Function(readFileSync(resolve(root, 'demo/app.js'), 'utf8'))();
    demoLoaded = true;
  }
  if ((location.hash.slice(1) || 'inbox') !== folder) {
    const changed = new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    location.hash = folder;
    await changed;
  }
  return buildPageDocument(document);
}

function fixture(html: string): PageDocument {
  document.head.innerHTML = '';
  document.title = 'Fixture';
  document.body.innerHTML = html;
  return buildPageDocument(document);
}

const FIXTURES: Record<string, string> = {
  // Flat label[for] + control pairs (wrapping each pair in a <label> makes the builder see a list of them).
  signup: `<main><h1>Shop</h1><form aria-label="Sign up"><label for="n">Full name</label><input id="n">
    <label for="e">Email</label><input id="e" type="email"><label for="p">Password</label><input id="p" type="password">
    <label for="c">Country</label><select id="c"><option>Portugal</option><option>Kenya</option><option>Japan</option></select>
    <input type="checkbox" id="news"><label for="news">Send me news</label><button type="submit">Create account</button></form></main>`,
  results: `<header><form role="search" aria-label="Site search"><input type="search" placeholder="Search products">
    <button>Go</button></form></header><main><section aria-label="Results"><ul aria-label="Products">
    ${['Red kettle', 'Blue kettle', 'Steel kettle', 'Tea pot'].map((t, i) => `<li><a href="/p/${i}"><span class="title">${t}</span></a>
      <span class="price">${10 + i} €</span><button>Add to cart</button></li>`).join('')}</ul></section></main>`,
  settings: `<main><section aria-label="Preferences"><label><input type="checkbox" role="switch"> Dark mode</label>
    <label><input type="checkbox" disabled> Beta features</label>
    <label>Notes <textarea></textarea></label><button disabled>Save</button></section></main>`,
};

async function runSample(doc: PageDocument, sample: Sample) {
  const bridge = new FakeBridge(fakePageFor(doc));
  const result = await runScript(sample.script, automationCapabilities(bridge, documentNames(doc)));
  return { bridge, result };
}

describe('task samples', () => {
  test('demo app inbox: a search, list samples and a checkbox; each parses and runs on a FakeBridge of its names', async () => {
    const doc = await demoDocument();
    const samples = taskSamplesFor(doc, { seed: 7 });
    expect(samples.map((s) => s.template)).toEqual(expect.arrayContaining(['search', 'open_item', 'read_field', 'check']));
    const search = samples.find((s) => s.template === 'search')!;
    expect(search.script).toMatch(/^\$search_mail__search_mail\.type\("[^"]+"\);\n\$search_mail__search_button\.click\(\);$/);
    for (const sample of samples) {
      expect(() => parseScript(sample.script), sample.script).not.toThrow();
      const { bridge, result } = await runSample(doc, sample);
      expect(result.error, `${sample.task}\n${sample.script}`).toBeUndefined();
      expect(bridge.calls.length, sample.script).toBeGreaterThan(0);
    }
    // reading a field returns that item's text from the page (the FakeBridge holds the document's sample items)
    const read = samples.find((s) => s.template === 'read_field')!;
    const { result } = await runSample(doc, read);
    const [, index, field] = /\[(\d)\]\.(\w+)\.text/.exec(read.script)!;
    const messages = doc.sections.flatMap((s) => s.entries).find((e) => e.name === 'inbox__messages');
    expect(messages?.kind).toBe('list');
    if (messages?.kind === 'list') expect(result.result).toBe(messages.samples[Number(index)]![field!]);
  });

  test('demo app settings and compose: a filled form that presses its button; the password field is never typed', async () => {
    const settings = await demoDocument('settings');
    const compose = await (async () => {
      await demoDocument('inbox');
      document.getElementById('compose')!.click();
      return buildPageDocument(document);
    })();
    for (const doc of [settings, compose]) {
      const samples = taskSamplesFor(doc, { seed: 3, max: 10 });
      const fill = samples.find((s) => s.template === 'fill_form');
      expect(fill, JSON.stringify(samples)).toBeDefined();
      expect(fill!.script).toMatch(/\.click\(\);$/);
      expect(fill!.script).not.toMatch(/password/);
      for (const sample of samples) {
        const { bridge, result } = await runSample(doc, sample);
        expect(result.error, sample.script).toBeUndefined();
        if (sample.template === 'fill_form') {
          const typed = bridge.calls.filter((c) => c.call === 'type');
          expect(typed.length).toBeGreaterThan(0);
          expect(bridge.calls.at(-1)?.call).toBe('click');
        }
      }
    }
    expect(taskSamplesFor(compose, { seed: 3 }).find((s) => s.template === 'fill_form')!.script)
      .toMatch(/\$new_message__to\.type\("[^"@]+@[^"]+"\);/);
  });

  test.each(Object.keys(FIXTURES))('fixture %s: every sample parses and runs against its names', async (name) => {
    const doc = fixture(FIXTURES[name]!);
    const samples = taskSamplesFor(doc, { seed: 11, max: 20 });
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const { result } = await runSample(doc, sample);
      expect(result.error, `${sample.task}\n${sample.script}`).toBeUndefined();
    }
    const templates = samples.map((s) => s.template);
    if (name === 'signup') {
      expect(templates).toEqual(expect.arrayContaining(['fill_form', 'check', 'select']));
      expect(samples.map((s) => s.script).join('\n')).not.toMatch(/password/);
    }
    if (name === 'results') expect(templates).toEqual(expect.arrayContaining(['search', 'open_item', 'read_field']));
    if (name === 'settings') {
      // disabled controls are not used; the switch is
      expect(samples.map((s) => s.script).join('\n')).not.toMatch(/beta|save/);
      expect(templates).toEqual(['check']);
    }
  });

  test('no open_item sample where open() would fail: items with controls none of which opens them (a todo\'s box and Remove)', () => {
    const todos = fixture(`<main><ul aria-label="Todo items">${['Buy milk', 'Walk the dog', 'Write report', 'Call the bank'].map((t) =>
      `<li><input type="checkbox" aria-label="Done: ${t}"> <span class="title">${t}</span> <button type="button">Remove</button></li>`).join('')}</ul></main>`);
    expect(taskSamplesFor(todos, { seed: 11, max: 20 }).map((s) => s.template)).not.toContain('open_item');
    const results = taskSamplesFor(fixture(FIXTURES.results!), { seed: 11, max: 20 }).filter((s) => s.template === 'open_item');
    expect(results.map((s) => s.script)).toEqual([expect.stringMatching(/^\$\w+\[\d\]\.open\(\);$/)]);
  });

  test('seeded and reproducible: the same seed gives the same samples, another seed other values', () => {
    const doc = fixture(FIXTURES.signup! + FIXTURES.results!);
    const a = taskSamplesFor(doc, { seed: 5, max: 20 });
    expect(taskSamplesFor(doc, { seed: 5, max: 20 })).toEqual(a);
    const others = [1, 2, 3, 4, 6, 8].map((seed) => JSON.stringify(taskSamplesFor(doc, { seed, max: 20 })));
    expect(others.some((o) => o !== JSON.stringify(a))).toBe(true);
    expect(taskSamplesFor(doc, { seed: 5, max: 2 })).toHaveLength(2);
  });

  test('a sample that names something the page does not have fails on the FakeBridge (the check can fail)', async () => {
    const doc = fixture(FIXTURES.results!);
    const { result } = await runSample(doc, { template: 'search', task: 'x', script: '$site_search__nothing.click();' });
    expect(result.error?.name).toBe('NotFoundError');
  });
});
