import { describe, expect, test } from 'vitest';
import { PageBridge, type PageBridgeDeps } from '../../../extension/features/automate/page-bridge.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import type { ActRequest, ListEntry, PageDocument } from '../../../extension/protocol/schemas.ts';

/**
 * `$list.scroll()` through the side panel's bridge: one `scroll` on the list (no item index) to the executor, then the
 * length counted as `.length` is — for a list given by its items' paths, on the page read again, since the paths read
 * before name only the items there were then.
 */
const feed = (count: number, byPaths: boolean): ListEntry => ({
  name: 'feed__posts', kind: 'list', description: 'Posts', count, fields: ['title'], actions: [],
  slots: [{ name: 'title', kind: 'link', selector: 'h2 a' }], samples: [{ title: 'Post 1' }], itemSelector: ':scope > article',
  locators: [{ by: 'id', value: 'posts' }],
  ...(byPaths ? { itemPaths: Array.from({ length: count }, (_, i) => `:scope > article:nth-of-type(${i + 1})`) } : {}),
}) as ListEntry;
const page = (list: ListEntry): PageDocument => ({
  url: 'https://feed.example/', title: 'Feed', truncated: false, tokens: 10, stats: { nodes: 1, elements: 1, lists: 1, ms: 1 },
  sections: [{ name: 'main', kind: 'main', title: 'Main', entries: [list] }],
}) as PageDocument;

/** A feed of 10 posts that has 20 once scrolled; the executor counts by the paths it is given, else by the page. */
function feedPage(byPaths: boolean) {
  let posts = 10;
  const sent: ActRequest[] = [];
  let reads = 0;
  const deps: PageBridgeDeps = {
    readDocument: async () => {
      reads++;
      return page(feed(posts, byPaths));
    },
    confirm: async () => true, ask: async () => '', say: () => undefined,
    act: async (request) => {
      sent.push(structuredClone(request));
      const url = 'https://feed.example/';
      if (request.action === 'scroll') {
        posts = 20;
        return { value: request.target?.item?.paths?.length ?? posts, changed: true, navigated: false, url };
      }
      if (request.action === 'count') return { value: request.target?.item?.paths?.length ?? posts, changed: false, navigated: false, url };
      return { value: null, changed: false, navigated: false, url };
    },
  };
  const doc = page(feed(posts, byPaths));
  return { bridge: new PageBridge(deps, doc), sent, reads: () => reads };
}

describe('$list.scroll() through the bridge', () => {
  test.each([[false], [true]])('the new length comes back, and .length reads it afterwards (items given by paths: %s)', async (byPaths) => {
    const { bridge, sent, reads } = feedPage(byPaths);
    const run = await runScript('const n = $feed__posts.scroll(); done([n, $feed__posts.length]);',
      automationCapabilities(bridge, [{ name: 'feed__posts', kind: 'list', fields: ['title'] }]));
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([20, 20]);
    expect(run.stats.actions).toBe(1);
    expect(sent.map((r) => r.action)).toEqual(['scroll', 'count', 'count']);
    // The whole list, not one of its items; the page read again only where its items were given by their paths.
    expect(sent[0]!.target).toMatchObject({ locators: [{ by: 'id', value: 'posts' }], item: { selector: ':scope > article' } });
    expect(sent[0]!.target!.item!.index).toBeUndefined();
    expect(reads()).toBe(byPaths ? 1 : 0);
  });
});
