// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import Dexie from 'dexie';
import { useLiveQueryState } from '../../../extension/ui/useLiveQuery.ts';

const db = new Dexie('live-query-test');
db.version(1).stores({ things: 'name' });
const things = db.table<{ name: string; site: string }>('things');

let seen: { site: string; value: string[] | undefined; error: unknown }[] = [];
function Harness({ site, fail }: { site: string; fail?: boolean }) {
  const state = useLiveQueryState(async () => {
    if (fail) throw new Error('broken store');
    return (await things.where('name').startsWith(site).toArray()).map((t) => t.name);
  }, [site, fail]);
  seen.push({ site, ...state });
  return null;
}

const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));

describe('useLiveQueryState', () => {
  test('after its deps change it never shows the result read for the old deps; a failing query reports its error', async () => {
    await things.bulkPut([{ name: 'a.one', site: 'a' }, { name: 'b.one', site: 'b' }, { name: 'b.two', site: 'b' }]);
    const root = document.createElement('div');
    seen = [];
    act(() => render(<Harness site="a." />, root));
    await settle();
    expect(seen.at(-1)!.value).toEqual(['a.one']);
    act(() => render(<Harness site="b." />, root));
    // Every render for "b." shows either nothing yet or b's rows, never a's.
    await settle();
    for (const s of seen.filter((x) => x.site === 'b.')) expect(s.value === undefined || s.value.every((n) => n.startsWith('b.'))).toBe(true);
    expect(seen.at(-1)!.value).toEqual(['b.one', 'b.two']);

    act(() => render(<Harness site="b." fail />, root));
    await settle();
    expect(seen.at(-1)!.value).toBeUndefined();
    expect((seen.at(-1)!.error as Error).message).toBe('broken store');
    act(() => render(null, root));
  });
});
