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

/** Majority vote over extracted answers (self-consistency). Ties go to the answer that appeared first. */
export function majorityVote(answers: readonly (number | null)[]): VoteResult {
  const buckets: VoteBucket[] = [];
  answers.forEach((value, index) => {
    const bucket = value === null ? buckets.find((b) => b.value === null) : buckets.find((b) => sameAnswer(b.value, value));
    if (bucket) {
      bucket.count += 1;
      bucket.samples.push(index);
    } else {
      buckets.push({ key: answerKey(value), value, count: 1, samples: [index] });
    }
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
