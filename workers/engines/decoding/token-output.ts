import type { GenerateParams, TokenEvent } from '../types.ts';
import { IncrementalDecoder, type TextTokenizer } from '../tokenizer.ts';
import { StopMatcher } from './stop-matcher.ts';

/**
 * What the ORT engines do with each chosen token: keep it, end at EOS, turn it into streamable text and watch the
 * stop strings. `contextIds` are the ids just before the output (they keep word boundaries right when decoding).
 */
export class TokenOutput {
  readonly generated: number[] = [];
  private readonly stopAtEos: boolean;
  private readonly detokenizer: IncrementalDecoder;
  private readonly stops: StopMatcher;

  constructor(tokenizer: TextTokenizer, params: GenerateParams, private readonly eosTokenIds: readonly number[],
    contextIds: readonly number[]) {
    this.stopAtEos = params.stopAtEos ?? true;
    this.detokenizer = new IncrementalDecoder(tokenizer, contextIds);
    // Some vocabularies also hold the end marker inside merged pieces (TinyStories has ".<|end_story|>"-style
    // merges), so with EOS stopping on, the marker's text is a stop string too.
    const eosTexts = this.stopAtEos ? eosTokenIds.map((id) => tokenizer.specialText(id) ?? '').filter(Boolean) : [];
    this.stops = new StopMatcher([...(params.stop ?? []), ...eosTexts]);
  }

  /** Records a token: the event to stream, or null when it is an end-of-sequence token that ends the output. */
  accept(token: number): TokenEvent | null {
    this.generated.push(token);
    if (this.stopAtEos && this.eosTokenIds.includes(token)) return null;
    return { type: 'token', text: this.stops.push(this.detokenizer.push(token)), tokenId: token };
  }

  /** A stop string was reached: nothing more may be shown. */
  get stopped(): boolean {
    return this.stops.stopped;
  }

  /** All text to show, after the last increment. */
  finish(): string {
    if (!this.stops.stopped) this.stops.push(this.detokenizer.flush());
    return this.stops.fullText;
  }
}
