import { expect, test } from 'vitest';
import { failureText } from '../../../extension/features/automate/failure-text.ts';
import { errorClasses } from '../../../extension/protocol/errors.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';

test('a failure reads in words, with its position once (the interpreter\'s messages already end with it)', async () => {
  const run = await runScript('const x = null;\nx.remove;', mathCapabilities());
  const error = run.error!;
  const failure = { name: error.name, message: error.message, line: Number(error.data?.line), column: Number(error.data?.column) };
  expect(failure.line).toBe(2);
  expect(error.message).toMatch(/ at 2:\d+$/);
  const text = failureText(failure);
  expect(text.match(/2:\d+/g)).toHaveLength(1);
  expect(text).toMatch(/^The script failed, line 2:\d+: /);
  expect(failureText({ name: 'NotFoundError', message: 'no element named `$x` on the page now' })).toBe('Not found on the page: no element named `$x` on the page now');
  expect(failureText({ name: 'SomeNewError', message: 'odd' })).toBe('Failed: odd');
  // Every error class the protocol names reads in words, never as its class name.
  for (const { errorName } of errorClasses) expect(failureText({ name: errorName, message: 'm' }), errorName).not.toMatch(/Error/);
});
