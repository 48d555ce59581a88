import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { database } from '../../storage/db.ts';
import { CRITERIA, pickPair, ratablePrompts, type Criterion, type Scores } from './rating.ts';
import { ensureHannaStory, HANNA_STORIES, HUMAN_WRITER, saveRatings, type SavedStory } from './library.ts';
import { useModelName } from '../models/use-models.ts';
import { useDraft } from '../../ui/draft.ts';
import { useRateScores, useRateSeed, type OpenPair } from './rate-draft.ts';

export type { OpenPair };

interface Candidate { id: number | string; writer: string; prompt: string; hannaId?: number }

const SIDES = ['A', 'B'] as const;
/** How many seeds from the current one are tried for a pair that has no ratings yet. */
const PAIR_SEEDS_TRIED = 64;
const pairKey = (a: number | string, b: number | string) => [String(a), String(b)].sort().join('|');

/** The pairs of stories rated together so far (a rating row per side, the two sides sharing a pairId). */
function ratedPairs(ratings: readonly { pairId: string; storyId: number }[]): Set<string> {
  const sides = new Map<string, number[]>();
  for (const r of ratings) sides.set(r.pairId, [...(sides.get(r.pairId) ?? []), r.storyId]);
  return new Set([...sides.values()].filter((ids) => ids.length === 2).map(([a, b]) => pairKey(a!, b!)));
}
const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
const LABELS: Record<Criterion, string> = {
  grammaticality: 'Grammaticality', relevance: 'Relevance', creativity: 'Creativity', attractiveness: 'Attractiveness',
};

/**
 * Blind side-by-side rating: a prompt with stories from two writers (a bundled HANNA human story counts as one), shown
 * in an order drawn from the pair seed, without authorship; 1–5 on four criteria each; then authorship is revealed.
 */
export function RateView({ hidden, stories, pair, setPair }: {
  hidden: boolean; stories: SavedStory[] | undefined; pair: OpenPair | null; setPair(pair: OpenPair | null): void;
}) {
  const modelName = useModelName();
  const [seed, setSeed] = useRateSeed(pair);
  /** The chosen prompt by its text, not its place: a new story reorders the list (newest first). */
  const [promptKey, setPromptKey] = useDraft('story.rate.prompt', '');
  const [opening, setOpening] = useState(false);
  const [scores, setScores] = useRateScores();
  const [message, setMessage] = useState('');
  const [shown, setShown] = useState(0);
  const [saving, setSaving] = useState(false);

  const groups = useMemo(() => {
    const saved: Candidate[] = (stories ?? []).flatMap((s) => (s.id === undefined ? [] : [{ id: s.id, writer: s.writer, prompt: s.prompt, hannaId: s.hannaId }]));
    const savedHanna = new Set(saved.map((s) => s.hannaId).filter((id) => id !== undefined));
    const bundled: Candidate[] = HANNA_STORIES.filter((h) => !savedHanna.has(h.id))
      .map((h) => ({ id: `hanna:${h.id}`, writer: HUMAN_WRITER, prompt: h.prompt, hannaId: h.id }));
    return ratablePrompts([...saved, ...bundled]);
  }, [stories]);
  const chosen = groups.find((g) => g.prompt === promptKey) ?? groups[0];

  // A story of the open pair deleted here or in another panel: abandon the pair with a message, keep everything saved.
  useEffect(() => {
    if (!pair || pair.revealed) return;
    void database().stories.bulkGet(pair.ids).then((rows) => {
      const missing = pair.ids.filter((_, i) => rows[i] === undefined);
      if (missing.length === 0) return;
      setPair(null);
      setScores([{}, {}]);
      setMessage(`Story ${missing.join(' and ')} was deleted while you were rating it, so this pair is abandoned and no rating `
        + 'was saved for it. Ratings saved earlier are kept. Show a new pair to go on.');
    // A library that cannot be read now leaves the pair as it is (its texts are in it); saving checks again.
    }, () => undefined);
  }, [stories, pair]);

  async function showPair() {
    if (opening) return; // a double click would save the human story twice
    setMessage('');
    const group = chosen;
    if (!group) return;
    setOpening(true);
    try {
      await openPair(group);
    } finally {
      setOpening(false);
    }
  }

  async function openPair(group: NonNullable<typeof chosen>) {
    // A pair rated before is not shown again (its ratings would count twice, and it is no longer blind): from the
    // current seed on, the first seed whose pair has no ratings yet.
    let found: { picked: [Candidate, Candidate]; seed: number } | undefined;
    try {
      const rated = ratedPairs(await database().ratings.toArray());
      for (let next = seed; next < seed + PAIR_SEEDS_TRIED && !found; next++) {
        const picked = pickPair(group.stories, next);
        if (picked && !rated.has(pairKey(picked[0].id, picked[1].id))) found = { picked, seed: next };
      }
    } catch (error) {
      setMessage(`Could not open the pair: ${describeError(error)}`);
      return;
    }
    if (!found) {
      // The pair on screen (maybe another prompt's) goes: it is not what this message is about.
      setPair(null);
      setMessage('Every pair of stories for this prompt has been rated (a pair is rated once). Write another story for it, or pick another prompt.');
      return;
    }
    const { picked } = found;
    const pairSeed = found.seed;
    if (pairSeed !== seed) setSeed(pairSeed);
    let ids: [number, number];
    let rows: (SavedStory | undefined)[];
    try {
      ids = await Promise.all(picked.map((c) => (typeof c.id === 'number' ? c.id : ensureHannaStory(c.hannaId!)))) as [number, number];
      rows = await database().stories.bulkGet(ids) as (SavedStory | undefined)[];
    } catch (error) {
      setMessage(`Could not open the pair: ${describeError(error)}`);
      return;
    }
    const [a, b] = rows;
    if (!a || !b) {
      setMessage('One of the two stories was just deleted; show a new pair.');
      return;
    }
    setScores([{}, {}]);
    setShown((n) => n + 1);
    setPair({ seed: pairSeed, prompt: group.prompt, ids, writers: [a.writer, b.writer], texts: [a.text, b.text], stats: [a.stats, b.stats], revealed: false });
  }

  const focusReveal = useRef(false);
  async function submit() {
    if (!pair || saving) return;
    // One save per shown pair: a second click while the first is being written would count the ratings twice.
    setSaving(true);
    try {
      const rows = await database().stories.bulkGet(pair.ids);
      if (rows.some((r) => r === undefined)) return; // the effect above abandons the pair and says so
      const now = Date.now();
      await saveRatings(SIDES.map((_, i) => ({
        pairId: `${pair.ids[0]}-${pair.ids[1]}-${pair.seed}-${now}`, storyId: pair.ids[i]!, scores: scores[i] as Scores,
        writer: pair.writers[i]!, prompt: pair.prompt, pairSeed: pair.seed, stats: pair.stats[i]!, createdAt: now,
      })));
      // The button goes away: the keyboard's focus moves to what replaced it, the writers revealed.
      focusReveal.current = true;
      setPair({ ...pair, revealed: true });
      setSeed(pair.seed + 1);
    } catch (error) {
      setMessage(`The ratings were not saved (${describeError(error)}); your scores are still here, try again.`);
    } finally {
      setSaving(false);
    }
  }

  const complete = scores.every((side) => CRITERIA.every((c) => typeof side[c] === 'number'));
  return (
    <section aria-labelledby="rate-heading" hidden={hidden}>
      <h2 id="rate-heading">Blind rating</h2>
      {groups.length === 0 ? (
        <p>No prompt has stories from two writers yet. Write a story for a HANNA prompt (Write tab) to rate it against the human story.</p>
      ) : (
        <div class="controls">
          <label for="rate-prompt">
            Prompt to rate
            <select id="rate-prompt" style={{ width: '100%' }} value={chosen?.prompt ?? ''}
              onChange={(e) => setPromptKey((e.currentTarget as HTMLSelectElement).value)}>
              {groups.map((g) => (
                <option key={g.prompt} value={g.prompt}>
                  {(g.prompt.length > 70 ? `${g.prompt.slice(0, 70)}…` : g.prompt)} ({new Set(g.stories.map((s) => s.writer)).size} writers)
                </option>
              ))}
            </select>
          </label>
          <label for="rate-seed">
            Pair seed (same seed, same pair and order)
            <input id="rate-seed" type="number" min={0} step={1} value={seed}
              onInput={(e) => {
                const next = Number((e.currentTarget as HTMLInputElement).value);
                if (Number.isInteger(next) && next >= 0) setSeed(next);
              }} />
          </label>
        </div>
      )}
      <div class="row">
        <button type="button" disabled={groups.length === 0 || opening} onClick={() => void showPair()}>
          {pair ? 'Show a new pair' : 'Show a blind pair'}
        </button>
      </div>
      {message && <p role="alert" data-testid="rate-message">{message}</p>}
      {pair && (
        <div data-testid="rate-pair" data-shown={shown}>
          <p class="muted"><strong>Prompt:</strong> {pair.prompt}</p>
          <p class="muted" data-testid="rate-scale">Each criterion from 1 (poor) to 5 (excellent).</p>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: '8px' }}>
          {SIDES.map((side, i) => (
            <section key={side} aria-labelledby={`rate-story-${side}`} class="binding" data-testid={`rate-story-${side}`}>
              <h3 id={`rate-story-${side}`} style={{ fontSize: '13px', margin: '0 0 4px' }}>
                Story {side}{pair.revealed && <span data-testid={`rate-writer-${side}`}>: written by {modelName(pair.writers[i]!)}</span>}
              </h3>
              <blockquote>{pair.texts[i]}</blockquote>
              {CRITERIA.map((criterion) => (
                <fieldset key={criterion} disabled={pair.revealed} style={{ border: 0, padding: 0, margin: '2px 0' }}>
                  <legend>{LABELS[criterion]} of story {side}</legend>
                  {[1, 2, 3, 4, 5].map((value) => (
                    <label key={value} style={{ marginRight: '8px' }}>
                      <input type="radio" name={`rate-${side}-${criterion}`} value={value}
                        checked={scores[i]![criterion] === value}
                        onChange={() => setScores((all) => {
                          const next: [Partial<Scores>, Partial<Scores>] = [{ ...all[0] }, { ...all[1] }];
                          next[i]![criterion] = value;
                          return next;
                        })} />
                      {value}
                    </label>
                  ))}
                </fieldset>
              ))}
            </section>
          ))}
          </div>
          {pair.revealed ? (
            <p role="status" data-testid="rate-revealed" tabIndex={-1} ref={(el) => { if (el && focusReveal.current) { focusReveal.current = false; el.focus(); } }}>
              Saved. Story A was written by {modelName(pair.writers[0])}, story B by {modelName(pair.writers[1])}.
            </p>
          ) : (
            <button type="button" disabled={!complete || saving} onClick={() => void submit()}>Save ratings and reveal the writers</button>
          )}
        </div>
      )}
    </section>
  );
}
