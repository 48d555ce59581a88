import { describe, expect, test } from 'vitest';
import { LIST_MEMBERS } from '../../../extension/protocol/script-api.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge, type FakePage } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/** `$list.scroll()` on an infinite feed: posts come ten at a time, up to `batches` more batches. */
const posts = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ title: `Post ${from + i}`, author: 'Ada' }));
const feed = (batches: number): FakePage => ({
  lists: { feed__posts: posts(1, 10) },
  more: { feed__posts: Array.from({ length: batches }, (_, b) => posts(11 + b * 10, 10)) },
});

async function run(source: string, page: FakePage, budgets = {}) {
  const bridge = new FakeBridge(page);
  const result = await runScript(source, automationCapabilities(bridge, bridge.names()), { budgets });
  return { bridge, result };
}

describe('$list.scroll(): lists that load more', () => {
  test('scrolling until the list holds 40 posts: the 40 titles in order, three page actions, the new length each time', async () => {
    const { bridge, result } = await run(`
      const lengths = [];
      while ($feed__posts.length < 40) lengths.push($feed__posts.scroll());
      done({ lengths, titles: $feed__posts.map((p) => p.title.text()).slice(0, 40) });
    `, feed(4));
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual({ lengths: [20, 30, 40], titles: Array.from({ length: 40 }, (_, i) => `Post ${i + 1}`) });
    expect(result.stats.actions).toBe(3);
    expect(bridge.calls.filter((c) => c.call === 'scroll')).toEqual(Array(3).fill({ call: 'scroll', target: { name: 'feed__posts' }, args: [] }));
    expect(result.log.filter((e) => e.call === 'scroll').map((e) => e.target)).toEqual(Array(3).fill('$feed__posts'));
  });

  test('at the end of the feed scroll() returns the same length, and a script can stop there', async () => {
    const { result } = await run(`
      let n = $feed__posts.length;
      while (n < 40) {
        const more = $feed__posts.scroll();
        if (more === n) break;
        n = more;
      }
      done(n);
    `, feed(1));
    expect(result.error).toBeUndefined();
    expect(result.result).toBe(20);
    expect(result.stats.actions).toBe(2);
  });

  test('a script that forgets to stop ends at the action budget', async () => {
    const { result } = await run('while ($feed__posts.length < 40) $feed__posts.scroll(); done(1);', feed(1), { actions: 5 });
    expect(result.error?.name).toBe('BudgetError');
    expect(result.error?.data).toMatchObject({ budget: 'actions', limit: 5 });
  });

  test('every list member the decoders allow is one the sandbox has', async () => {
    const { result } = await run(`done(${JSON.stringify(LIST_MEMBERS)}.map((m) => typeof $feed__posts[m]))`, feed(0));
    expect(result.error).toBeUndefined();
    expect(result.result).not.toContain('undefined');
    expect(LIST_MEMBERS).toContain('scroll');
  });
});
