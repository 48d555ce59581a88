// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

vi.mock('../../../extension/platform/index.ts', () => ({ request: vi.fn(async () => ({})) }));
import { clearDrafts, persistDrafts, type DraftArea } from '../../../extension/ui/draft.ts';
import { useLiveQuery } from '../../../extension/ui/useLiveQuery.ts';
import { database } from '../../../extension/storage/db.ts';
import { allStories, deleteStory, saveStory } from '../../../extension/features/story/library.ts';
import { RateView } from '../../../extension/features/story/RateView.tsx';
import { useOpenPair } from '../../../extension/features/story/rate-draft.ts';

/** The Rate view as the Story panel wires it (its open pair a draft), in a popup that closes and opens again. */
function Rate() {
  const stories = useLiveQuery(() => allStories(), []);
  const [pair, setPair] = useOpenPair();
  return <RateView hidden={false} stories={stories} pair={pair} setPair={setPair} />;
}

const PROMPT = 'A dragon learns to fly';
/** IndexedDB reads under a full, parallel unit run can take longer than vi.waitFor's default second. */
const WAIT = { timeout: 10_000 };
const areas: Record<DraftArea, Record<string, unknown>> = { local: {}, session: {} };
const store = { load: async (area: DraftArea) => areas[area], save: async (area: DraftArea, values: Record<string, unknown>) => void (areas[area] = values) };
const root = document.createElement('div');
let ids: number[] = [];

async function openPopup() {
  clearDrafts();
  await persistDrafts(store);
  document.body.replaceChildren(root);
  await act(async () => render(<Rate />, root));
}
async function closePopup() {
  // The popup closing saves its drafts at once.
  await act(async () => void globalThis.dispatchEvent(new Event('pagehide')));
  await new Promise((resolve) => setTimeout(resolve, 20));
  act(() => render(null, root));
}
const pairShown = () => root.querySelector('[data-testid="rate-pair"]');
const seedField = () => root.querySelector<HTMLInputElement>('#rate-seed')!;
const tick = (side: 'A' | 'B', criterion: string, value: number) =>
  act(() => root.querySelector<HTMLInputElement>(`input[name="rate-${side}-${criterion}"][value="${value}"]`)!.click());

beforeEach(async () => {
  await database().stories.clear();
  await database().ratings.clear();
  areas.local = {};
  areas.session = {};
  const story = (writer: string, text: string) => saveStory({ prompt: PROMPT, writer, text, params: {}, seed: 1, stopped: false, finishReason: 'stop', timings: null, source: 'model' });
  ids = [await story('model-a', 'The dragon flapped and rose.'), await story('model-b', 'It fell, then it flew.')];
});

async function openHalfRatedPair(): Promise<string> {
  await openPopup();
  await vi.waitFor(() => expect(root.querySelector('#rate-prompt')).not.toBeNull(), WAIT);
  await act(async () => [...root.querySelectorAll('button')].find((b) => /Show a blind pair/.test(b.textContent ?? ''))!.click());
  await vi.waitFor(() => expect(pairShown()).not.toBeNull(), WAIT);
  tick('A', 'grammaticality', 4);
  tick('B', 'creativity', 2);
  return seedField().value;
}

describe('a half-finished blind rating survives the popup closing (exploratory test of the panels)', () => {
  test('the open pair, its seed and the scores ticked are there again', async () => {
    const seed = await openHalfRatedPair();
    const texts = [...root.querySelectorAll('blockquote')].map((q) => q.textContent);
    await closePopup();
    await openPopup();
    await vi.waitFor(() => expect(pairShown()).not.toBeNull(), WAIT);
    await vi.waitFor(() => expect(root.querySelector('#rate-seed')).not.toBeNull(), WAIT);
    expect([...root.querySelectorAll('blockquote')].map((q) => q.textContent)).toEqual(texts);
    expect(seedField().value).toBe(seed);
    expect(root.querySelector<HTMLInputElement>('input[name="rate-A-grammaticality"][value="4"]')!.checked).toBe(true);
    expect(root.querySelector<HTMLInputElement>('input[name="rate-B-creativity"][value="2"]')!.checked).toBe(true);
  });

  test('a kept pair whose story was deleted meanwhile is dropped with a message, its scores with it', async () => {
    await openHalfRatedPair();
    await closePopup();
    await deleteStory(ids[1]!);
    await openPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-testid="rate-message"]')?.textContent).toMatch(/was deleted/), WAIT);
    expect(pairShown()).toBeNull();
    await closePopup();
    expect(areas.local['story.rate.pair']).toBeNull();
    expect(areas.local['story.rate.scores']).toEqual([{}, {}]);
  });

  test('a damaged draft is no pair at all', async () => {
    areas.local = { 'story.rate.pair': { seed: 'x', ids: [1] }, 'story.rate.scores': [{ grammaticality: 9 }, 'no'] };
    await openPopup();
    await vi.waitFor(() => expect(root.querySelector('#rate-prompt')).not.toBeNull(), WAIT);
    expect(pairShown()).toBeNull();
  });
});
