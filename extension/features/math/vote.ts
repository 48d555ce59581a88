import { answerKey, sameAnswer } from './compare.ts';

export interface VoteBucket {
  /** answerKey of the bucket ("none" for samples without an answer). */
  key: string;
  value: number | null;
  count: number;
  /** The samples (0-based) that gave this answer. */
  samples: number[];
}

export interface VoteResult {
  /** The most frequent answer; null when no sample had one. */
  winner: number | null;
  winnerCount: number;
  total: number;
  /** Buckets, most votes first; "no answer" is a bucket of its own and never wins. */
  distribution: VoteBucket[];
  /** Another answer had as many votes as the winner (the earliest sample among them broke the tie). */
  tie: boolean;
}

/**
 * Majority vote over extracted answers (self-consistency). Answers that are the same answer (`sameAnswer`: 33.33 and
 * 33.333…) vote together, also through one another (within reach of the group's middle), so the order of the samples
 * does not change the groups. A group's
 * value is the one most of its samples gave exactly. Ties go to the answer that appeared first.
 */
export function majorityVote(answers: readonly (number | null)[]): VoteResult {
  const group = answers.map((_, index) => index);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  const low = answers.map((a) => a ?? 0);
  const high = [...low];
  // Through one another, but not without end: a group stays within the same-answer reach of its middle (10, 10.005,
  // 10.01, 10.015, 10.02 are not all one answer).
  const close = (min: number, max: number) => sameAnswer(min, max) || (sameAnswer(min, (min + max) / 2) && sameAnswer((min + max) / 2, max));
  answers.forEach((a, i) => {
    for (let j = 0; j < i; j++) {
      const b = answers[j] ?? null;
      const [ri, rj] = [root(i), root(j)];
      if (ri === rj || (a === null) !== (b === null) || (a !== null && b !== null && !sameAnswer(a, b))) continue;
      const min = Math.min(low[ri]!, low[rj]!);
      const max = Math.max(high[ri]!, high[rj]!);
      if (a !== null && !close(min, max)) continue;
      group[ri] = rj;
      low[rj] = min;
      high[rj] = max;
    }
  });
  const members = new Map<number, number[]>();
  answers.forEach((_, i) => members.set(root(i), [...(members.get(root(i)) ?? []), i]));
  const buckets: VoteBucket[] = [...members.values()].map((samples) => {
    const exact = new Map<string, number[]>();
    for (const i of samples) {
      const key = answerKey(answers[i] ?? null);
      exact.set(key, [...(exact.get(key) ?? []), i]);
    }
    const commonest = [...exact.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!)[0]!;
    const value = answers[commonest[0]!] ?? null;
    return { key: answerKey(value), value, count: samples.length, samples };
  });
  const ranked = [...buckets].sort((a, b) => b.count - a.count || a.samples[0]! - b.samples[0]!);
  const answered = ranked.filter((b) => b.value !== null);
  const top = answered[0];
  return {
    winner: top ? top.value : null,
    winnerCount: top ? top.count : 0,
    total: answers.length,
    distribution: ranked,
    tie: Boolean(top && answered[1] && answered[1].count === top.count),
  };
}
