import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { storiesToJson, storiesToMarkdown } from '../../../extension/features/story/export.ts';
import { allStories, deleteStory, ensureHannaStory, HANNA_STORIES, HUMAN_WRITER, matches, saveStory, type SavedStory } from '../../../extension/features/story/library.ts';
import { PocketDb } from '../../../extension/storage/db.ts';
import { textStats } from '../../../extension/features/story/stats.ts';

const story: SavedStory = {
  id: 3, prompt: 'A  dragon\nwakes', writer: 'tinystories-656k', text: 'The cat sat. The cat ran! A dog sat?\n',
  params: { maxTokens: 48, temperature: 0.8 }, seed: 7, stopped: true, finishReason: 'abort', timings: null,
  stats: textStats('The cat sat. The cat ran! A dog sat?'), source: 'model', createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
};

describe('story export', () => {
  test('Markdown has one section per story with prompt, seed, parameters, statistics and text', () => {
    expect(storiesToMarkdown([story])).toBe([
      '# Pocket SLM stories', '',
      '## Story 3 · tinystories-656k (stopped)', '',
      '- Prompt: A dragon wakes',
      '- Written: 2026-01-02T03:04:05.000Z',
      '- Seed: 7',
      '- Parameters: maxTokens=48, temperature=0.8',
      '- Statistics: Words 9; Sentences 3; Mean sentence length 3.0; Type-token ratio 0.67; MTLD 9.0; Repeated 3-grams 0.00; '
        + 'Flesch reading ease 119.2; Novelty (words not in prompt) 1.00',
      '',
      'The cat sat. The cat ran! A dog sat?', '',
    ].join('\n'));
  });

  test('JSON round-trips every field', () => {
    const parsed = JSON.parse(storiesToJson([story]));
    expect(parsed.format).toBe('pocket-slm-stories');
    expect(parsed.stories).toEqual([story]);
  });
});

describe('story library (Dexie)', () => {
  test('saves with statistics, searches, adds a HANNA story once, deletes', async () => {
    const db = new PocketDb('story-library-test');
    const id = await saveStory({ prompt: 'A dragon', writer: 'tiny', text: 'The dragon slept.', params: {}, seed: 1, stopped: false,
      finishReason: 'length', timings: null, source: 'model' }, db);
    const [saved] = await allStories(db);
    expect(saved?.id).toBe(id);
    expect(saved?.stats.words).toBe(3);
    expect(saved?.stats.promptOverlap).toBeCloseTo(1 / 3, 10); // "dragon" of the dragon slept
    expect(matches(saved!, 'SLEPT')).toBe(true);
    expect(matches(saved!, 'unicorn')).toBe(false);
    // The writer by the name the library shows (exploratory test, session 20: only its id was found).
    expect(matches(saved!, 'tiny stories 656')).toBe(false);
    expect(matches(saved!, 'stories 656', 'TinyStories 656K')).toBe(true);
    const hannaId = HANNA_STORIES[0]!.id;
    const human = await ensureHannaStory(hannaId, db);
    expect(await ensureHannaStory(hannaId, db)).toBe(human);
    expect((await allStories(db)).filter((s) => s.writer === HUMAN_WRITER)).toHaveLength(1);
    await deleteStory(id, db);
    expect((await allStories(db)).map((s) => s.id)).toEqual([human]);
    expect(HANNA_STORIES).toHaveLength(20);
    db.close();
  });
});

test('HANNA stories are detokenized: no "do n\'t", "It \'s" or "here ." gives the human story away', async () => {
  const { detokenize } = await import('../../../extension/features/story/library.ts');
  expect(detokenize("I do n't know . It 's late , they 're here ! I 'd go")).toBe("I don't know. It's late, they're here! I'd go");
  for (const story of HANNA_STORIES) expect(story.story).not.toMatch(/\w (n't|'s|'m|'re|'ve|'ll|'d)\b| [.,!?;:](\s|$)/);
});

test('a story\'s own text cannot pose as another story\'s section in the Markdown export (exploratory test, session 20)', () => {
  const md = storiesToMarkdown([{ ...story, text: 'The end.\n## Story 99 · fake\n---\n# Title' }]);
  expect(md).not.toMatch(/^## Story 99/m);
  expect(md).toContain('\\## Story 99 · fake');
  expect(md).toContain('\\---');
  expect(md).toContain('\\# Title');
  expect(md.match(/^## /gm)).toHaveLength(1);
});
