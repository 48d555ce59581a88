import type { Backend, GenerationStats } from './types.ts';

export interface GenerationClock {
  started: number;
  /** When the first forward pass (encoder included, for encoder-decoders) began. */
  prefillStarted: number;
  /** 0 while no token was produced. */
  firstTokenAt: number;
  ended: number;
}

/** The numbers every token-level engine reports, from its clock readings and token counts. */
export function generationStats(backend: Backend, clock: GenerationClock, tokensIn: number, tokensOut: number,
  promptTokensDropped: number): GenerationStats {
  const { started, prefillStarted, firstTokenAt, ended } = clock;
  const decodeSteps = Math.max(0, tokensOut - 1);
  return {
    backend,
    ttftMs: firstTokenAt ? firstTokenAt - started : ended - started,
    prefillTokS: firstTokenAt ? tokensIn / ((firstTokenAt - prefillStarted) / 1000) : 0,
    decodeTokS: decodeSteps && firstTokenAt ? decodeSteps / ((ended - firstTokenAt) / 1000) : 0,
    tokensIn,
    tokensOut,
    totalMs: ended - started,
    promptTokensDropped,
  };
}
