import { Tokenizer } from '@huggingface/tokenizers';

export interface TokenizerFiles {
  tokenizerJson: unknown;
  tokenizerConfig: unknown;
}

/** The model's own tokenizer.json, applied exactly (normalizer, BPE with byte fallback, post-processor, decoder). */
export class TextTokenizer {
  private readonly tokenizer: Tokenizer;
  private readonly specialTexts = new Map<number, string>();

  constructor(files: TokenizerFiles) {
    this.tokenizer = new Tokenizer(files.tokenizerJson as object, files.tokenizerConfig as object);
    const added = (files.tokenizerJson as { added_tokens?: { id: number; content: string; special?: boolean }[] }).added_tokens;
    for (const token of added ?? []) if (token.special) this.specialTexts.set(token.id, token.content);
  }

  /** The literal text of a special token such as `<|end_story|>`, if the tokenizer declares one. */
  specialText(id: number): string | undefined {
    return this.specialTexts.get(id);
  }

  /** With the model's special tokens (e.g. BOS) added as its post-processor says. */
  encode(text: string, addSpecialTokens = true): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: addSpecialTokens }).ids;
  }

  decode(ids: readonly number[]): string {
    return this.tokenizer.decode([...ids], { skip_special_tokens: true });
  }
}

/**
 * Turns a growing list of generated ids into text increments. Decoding the prompt's tail together with the new ids
 * keeps word boundaries right (Metaspace/SentencePiece drop a leading space at the start of a decode), and a trailing
 * U+FFFD — half of a multi-byte character still arriving as byte tokens — is held back until it completes.
 */
export class IncrementalDecoder {
  private readonly context: number[];
  private readonly contextText: string;
  private readonly ids: number[] = [];
  private emitted = 0;

  constructor(private readonly tokenizer: TextTokenizer, promptIds: readonly number[], contextTokens = 4) {
    this.context = promptIds.slice(-contextTokens);
    this.contextText = tokenizer.decode(this.context);
  }

  push(id: number): string {
    this.ids.push(id);
    const text = this.text;
    const stable = text.endsWith('\uFFFD') ? text.length - 1 : text.length;
    if (stable <= this.emitted) return '';
    const out = text.slice(this.emitted, stable);
    this.emitted = stable;
    return out;
  }

  /** All generated text so far. */
  get text(): string {
    const full = this.tokenizer.decode([...this.context, ...this.ids]);
    return full.startsWith(this.contextText) ? full.slice(this.contextText.length) : this.tokenizer.decode(this.ids);
  }

  flush(): string {
    const text = this.text;
    const out = text.slice(this.emitted);
    this.emitted = text.length;
    return out;
  }
}
