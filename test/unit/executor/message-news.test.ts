// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { saysAnew } from '../../../extension/content/executor/message-news.ts';
import { watchSettle } from '../../../extension/content/executor/settle.ts';

/**
 * An action's start is noted where it acts and in the top document (review, session 28): a status line on the page
 * that an earlier action filled is not new to a waitFor() after an action inside a same-origin frame.
 */
test('an action in a frame notes what the top document\'s messages show too', async () => {
  document.body.innerHTML = '<p id="status" role="status">3 messages moved to archive.</p>';
  // A frame's document (happy-dom loads no frame content; the executor's only question is whether it is the top one).
  const frame = document.implementation.createHTMLDocument('frame');
  frame.body.innerHTML = '<button id="go">Go</button>';
  const status = document.getElementById('status')!;
  expect(saysAnew(status)).toBe(true); // no action yet: not known
  const watch = watchSettle(frame);
  await watch.settled(0, 0);
  expect(saysAnew(status)).toBe(false);
  status.textContent = '1 message moved to archive.';
  expect(saysAnew(status)).toBe(true);
});

test('a change deep in a long log is seen (not only in its first 500 elements), at once', async () => {
  document.body.innerHTML = `<div id="log" role="log">${Array.from({ length: 700 }, (_, i) => `<p><span>line ${i}</span></p>`).join('')}</div>`;
  const log = document.getElementById('log')!;
  await watchSettle(document).settled(0, 0);
  expect(saysAnew(log)).toBe(false);
  // The same words set again (a log that said the same line twice): only the change itself tells.
  log.lastElementChild!.firstElementChild!.textContent = 'line 699';
  expect(saysAnew(log)).toBe(true);
});
