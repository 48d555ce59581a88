import { describe, expect, test } from 'vitest';
import { ReadColumns } from '../../../extension/features/automate/read-columns.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';

/**
 * Review of read-columns.ts: two lists of one page read at two generations. The second answer proves the page changed
 * after the first list was read (same document, a later generation); the first list's texts must not be served any
 * more, whether or not the `watch` of the first generation has answered yet (it is a round trip through the
 * background, and may come after the second `texts` answer).
 */
describe('texts of a list read before a change the bridge already knows of', () => {
  test('are not served once another list of the same page was read at a later generation', () => {
    const columns = new ReadColumns();
    const doc = { pageId: 'p' } as unknown as PageDocument;
    expect(columns.keep(columns.now, doc, 'chores', 'title', { from: 0, texts: ['Chore 1', 'Chore 2'], generation: 'abc:1' })).toBe(true);
    // The page changed (chore 2 finished); the script reads another list, answered at the page's generation now.
    expect(columns.keep(columns.now, doc, 'prices', 'price', { from: 0, texts: ['1.00'], generation: 'abc:2' })).toBe(true);
    expect(columns.text(doc, 'prices', 'price', 0)).toBe('1.00');
    expect(columns.text(doc, 'chores', 'title', 1)).toBeUndefined();
  });
});
