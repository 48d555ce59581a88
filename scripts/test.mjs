// `npm test`: typecheck, lint, unit tests, build, end-to-end tests in Chromium. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.cache', { recursive: true });
const bin = (name) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;
const lines = [];

function step(name, command, args) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const ok = spawnSync(command, args, { stdio: 'inherit' }).status === 0;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** A vitest run counts its test cases; a run that executes no test at all is a failure, not a pass. */
function vitestStep(name, args) {
  const report = `.cache/${name}-report.json`;
  rmSync(report, { force: true });
  const ok = step(name, bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (!existsSync(report)) {
    failed += 1;
    return;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  if (result.numTotalTests === 0) {
    lines.push(`FAIL ${name} ran no tests`);
    failed += 1;
  } else if (!ok && result.numFailedTests === 0) failed += 1; // e.g. a file that failed to load
}

if (!step('typecheck', bin('tsc'), ['-p', 'tsconfig.json'])) failed += 1;
if (!step('lint', bin('eslint'), ['--max-warnings=0', '.'])) failed += 1;
vitestStep('unit', []);
if (step('build', bin('vite'), ['build'])) vitestStep('e2e', ['--config', 'test/e2e/vitest.config.ts']);
else failed += 1;

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
