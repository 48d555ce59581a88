// npm run bench:regex [-- --repeats N] — our script matcher (extension/sandbox/interpreter/regex) against V8's RegExp on the
// same texts, side by side in one run: every match of a global pattern over ~160 kB of page-like text. Prints ms per
// pass (median of N), the ratio, the matcher instructions a pass costs and the script steps they are charged (1 per
// 64). Not a test: a table. Node built-ins and rolldown (via vite).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { root } from './lib/extension.mjs';

const { values: opts } = parseArgs({ options: { repeats: { type: 'string', default: '5' } } });
const repeats = Number(opts.repeats);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats must be a positive integer');

const out = join(mkdtempSync(join(tmpdir(), 'pocket-bench-regex-')), 'matcher.mjs');
execFileSync(join(root, 'node_modules/.bin/rolldown'), [join(root, 'scripts/bench-regex.entry.ts'), '--format', 'esm', '--file', out], { stdio: 'ignore' });
const { compile, search } = await import(pathToFileURL(out).href);

const text = 'Contact alice@example.com or bob_smith@mail.example.org; price $1,299.00, qty 3. '.repeat(2000);
const cases = [
  ['(\\w+)@(\\w+)\\.com', 'g', 'e-mail addresses'],
  ['\\$[\\d,]+(\\.\\d\\d)?', 'g', 'prices'],
  ['\\s+', 'g', 'runs of spaces'],
  ['(?<=\\$)\\d+', 'g', 'lookbehind'],
  ['price', 'gi', 'a word, any case'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`text: ${text.length.toLocaleString('en-US')} characters; median of ${repeats} passes`);
console.log('| pattern | matches | ours ms | V8 ms | ours/V8 | instructions | script steps |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [source, flags, what] of cases) {
  const program = compile(source, flags);
  const host = new RegExp(source, flags);
  const ours = [];
  const v8 = [];
  let instructions = 0;
  let found = 0;
  for (let r = 0; r < repeats; r++) {
    instructions = 0;
    found = 0;
    let t = performance.now();
    for (let from = 0; ;) {
      const caps = search(program, text, from, false, { tick: (n) => { instructions += n; } });
      if (!caps) break;
      found++;
      from = caps[1] === caps[0] ? caps[1] + 1 : caps[1];
    }
    ours.push(performance.now() - t);
    t = performance.now();
    const hostFound = text.match(host)?.length ?? 0;
    v8.push(performance.now() - t);
    if (hostFound !== found) throw new Error(`${what}: ours found ${found}, V8 ${hostFound}`);
  }
  const [a, b] = [median(ours), median(v8)];
  console.log(`| ${what} \`/${source}/${flags}\` | ${found} | ${a.toFixed(1)} | ${b.toFixed(2)} | ${(a / b).toFixed(0)}x | ${instructions.toLocaleString('en-US')} | ${Math.ceil(instructions / 64).toLocaleString('en-US')} |`);
}
