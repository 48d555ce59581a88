import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { completeScript } from '../../../workers/engines/decoding/script-prefix.ts';
import { syntaxRefusal } from './syntax-refusal.ts';

/** Every whole script the fixture apps' replay models answer with (those meant to fail to parse left out). */
function fixtureScripts(): string[] {
  const scripts = new Set<string>();
  for (const file of ['test/fixtures/apps/automate-replay.json', 'test/fixtures/apps/bench/replay.json']) {
    const replay = JSON.parse(readFileSync(file, 'utf8')) as { rules: Array<{ outputs: string[] }> };
    for (const output of replay.rules.flatMap((rule) => rule.outputs)) {
      try {
        const script = (JSON.parse(output) as { script?: unknown }).script;
        if (typeof script === 'string' && completeScript(script)) scripts.add(script);
      } catch { /* an answer that is not JSON (a repair test's junk) */ }
    }
  }
  return [...scripts];
}

describe('the syntax constraint refuses no valid script', () => {
  const scripts = fixtureScripts();
  test('the fixture apps\' scripts are many', () => {
    expect(scripts.length).toBeGreaterThan(20);
  });
  test('each of them can be written to its end', () => {
    const refused = scripts.flatMap((script) => {
      const where = syntaxRefusal(script);
      return where ? [`${JSON.stringify(script.slice(0, 80))}: ${where}`] : [];
    });
    expect(refused).toEqual([]);
  });
});
