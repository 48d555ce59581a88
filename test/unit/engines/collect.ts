import type { FinalEvent, TokenEvent } from '../../../workers/engines/types.ts';

/** Drains an engine's stream: the final event, the streamed ids and text; `onToken` sees the running count. */
export async function collect(stream: AsyncGenerator<TokenEvent, FinalEvent>, onToken?: (count: number) => void) {
  const tokens: number[] = [];
  let streamed = '';
  for (;;) {
    const next = await stream.next();
    if (next.done) return { final: next.value, tokens, streamed };
    tokens.push(next.value.tokenId);
    streamed += next.value.text;
    onToken?.(tokens.length);
  }
}
