import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { routes, streamRoutes } from '../../extension/protocol/messages.ts';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(join(root, dir))) return out;
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

const productCode = ['extension', 'workers', 'models', 'shaders'].flatMap((dir) => sourceFiles(dir));
const read = (path: string) => readFileSync(join(root, path), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('conventions', () => {
  test('there is product code to check', () => {
    expect(productCode.length).toBeGreaterThan(20);
  });

  test('only extension/platform/ touches chrome.* or browser.*', () => {
    const offenders = productCode
      .filter((path) => !path.startsWith('extension/platform/'))
      .filter((path) => /\b(chrome|browser)\s*\.\s*[a-zA-Z]/.test(read(path)) || /from ['"]webextension-polyfill['"]/.test(read(path)));
    expect(offenders).toEqual([]);
  });

  test('no eval, new Function or string timers in extension/ and workers/', () => {
    const offenders = productCode.filter((path) =>
      /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/.test(read(path)));
    expect(offenders).toEqual([]);
  });

  test('every message kind has request and response schemas and a declared sender tier', () => {
    for (const [kind, route] of Object.entries(routes)) {
      expect(route.request, kind).toHaveProperty('kind', 'schema');
      expect(route.response, kind).toHaveProperty('kind', 'schema');
      expect(route.from.length, kind).toBeGreaterThan(0);
    }
  });

  test('every stream kind has request, event and result schemas', () => {
    for (const [kind, route] of Object.entries(streamRoutes)) {
      expect(route.kind, kind).toBe(kind);
      for (const schema of [route.request, route.event, route.response]) expect(schema, kind).toHaveProperty('kind', 'schema');
    }
  });

  test('every kind named in code is a registered kind', () => {
    const known = new Set([...Object.keys(routes), ...Object.keys(streamRoutes)]);
    const used = new Set<string>();
    for (const path of productCode) {
      for (const match of read(path).matchAll(/(?:request|requestTab|callModelHost|\.request)\(\s*(?:[a-zA-Z]+,\s*)?'([a-z][\w.]*)'/g)) {
        used.add(match[1]!);
      }
      for (const match of read(path).matchAll(/^\s*'([a-z]+(?:\.[a-z][\w]*)+)':\s*(?:\(|async|\(\{)/gm)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((kind) => !known.has(kind))).toEqual([]);
  });
});
