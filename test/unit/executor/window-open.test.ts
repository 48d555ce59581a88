// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { pageOpened } from '../../../extension/content/executor/window-open.ts';

const call = (url: string, target = '') => JSON.stringify([url, target]);

test('a window.open() of a page of this site in another tab or window is taken into this tab', () => {
  const here = new URL('./next?x=1', location.href).href;
  expect(pageOpened(call('./next?x=1'))).toBe(here);
  expect(pageOpened(call('./next?x=1', '_BLANK'))).toBe(here);
  expect(pageOpened(call('./next?x=1', 'preview'))).toBe(here);
});

test('the browser keeps what opens here anyway, a frame\'s name, another site, other schemes and junk', () => {
  document.body.innerHTML = '<iframe name="viewer"></iframe>';
  for (const target of ['_self', '_top', ' _parent ', 'viewer']) expect(pageOpened(call('./next', target)), target).toBeNull();
  const away = new URL(location.href);
  away.port = String(Number(away.port || 80) + 1);
  for (const url of [away.href, 'https://example.org/', 'javascript:alert(1)', 'mailto:a@b.c', 'data:text/html,hi']) expect(pageOpened(call(url)), url).toBeNull();
  for (const junk of [undefined, 42, '[', '{"a":1}', '[1,2]', JSON.stringify(['./x']), 'x'.repeat(30_000)]) expect(pageOpened(junk), String(junk).slice(0, 20)).toBeNull();
});
