import { IntegrityError } from '../../extension/protocol/errors.ts';
import { Tokenizer } from '@huggingface/tokenizers';

export interface TokenizerFiles {
  tokenizerJson: unknown;
  tokenizerConfig: unknown;
}

/** The model's own tokenizer.json, applied exactly (normalizer, BPE with byte fallback, post-processor, decoder). */
export class TextTokenizer {
  private readonly tokenizer: Tokenizer;
  private readonly specialTexts = new Map<number, string>();
  private readonly bytesOf: (id: number) => Uint8Array | undefined;

  constructor(files: TokenizerFiles) {
    try {
      this.tokenizer = new Tokenizer(files.tokenizerJson as object, files.tokenizerConfig as object);
    } catch (error) {
      throw new IntegrityError(`tokenizer.json cannot be used: ${(error instanceof Error ? error.message : String(error)).slice(0, 200)}`,
        { file: 'tokenizer.json', expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: null });
    }
    const added = (files.tokenizerJson as { added_tokens?: { id: number; content: string; special?: boolean }[] }).added_tokens;
    for (const token of added ?? []) if (token.special) this.specialTexts.set(token.id, token.content);
    this.bytesOf = tokenBytesReader(files.tokenizerJson);
  }

  /**
   * The raw bytes of a token that is part of a character (decoding it alone gives U+FFFD): byte-level BPE tokens and
   * `<0xAB>` byte-fallback tokens; undefined for other tokens and other tokenizers.
   */
  tokenBytes(id: number): Uint8Array | undefined {
    return this.bytesOf(id);
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
  /** The context tokens, then the generated ones. */
  private readonly ids: number[];
  /** ids[prefix, read) were shown already; they are decoded again with each new token for its word boundary. */
  private prefix = 0;
  private read: number;

  constructor(private readonly tokenizer: TextTokenizer, promptIds: readonly number[], contextTokens = 4) {
    this.ids = promptIds.slice(-contextTokens);
    this.read = this.ids.length;
  }

  /**
   * The text the new token adds: the window from `prefix` decoded with and without the unshown tokens, the
   * difference. A window, not the whole output, keeps each step's cost constant; an incomplete UTF-8 sequence (U+FFFD
   * at the end) waits for the next token.
   */
  push(id: number): string {
    this.ids.push(id);
    const before = this.decode(this.prefix, this.read);
    const after = this.decode(this.prefix, this.ids.length);
    if (after.length <= before.length || after.endsWith('\uFFFD')) return '';
    const out = after.slice(before.length);
    this.prefix = this.read;
    this.read = this.ids.length;
    return out;
  }

  private decode(from: number, to: number): string {
    return to > from ? this.tokenizer.decode(this.ids.slice(from, to)) : '';
  }

  /** What is left unshown at the end (an incomplete character, tokens whose text was not yet stable). */
  flush(): string {
    if (this.read === this.ids.length) return '';
    const before = this.decode(this.prefix, this.read);
    const after = this.decode(this.prefix, this.ids.length);
    const out = after.slice(before.length);
    this.read = this.ids.length;
    return out;
  }
}

/** GPT-2's byte-level alphabet: the printable character that stands for each byte in a byte-level BPE vocabulary. */
function byteLevelAlphabet(): Map<string, number> {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const alphabet = new Map<string, number>();
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    alphabet.set(String.fromCodePoint(printable.includes(b) ? b : 256 + extra++), b);
  }
  return alphabet;
}

/** Reads token bytes from a tokenizer.json: through a ByteLevel decoder's alphabet, or `<0xAB>` byte-fallback tokens. */
function tokenBytesReader(json: unknown): (id: number) => Uint8Array | undefined {
  const file = json as { model?: { vocab?: Record<string, number> | [string, number][]; byte_fallback?: boolean }; decoder?: unknown };
  const vocab = file.model?.vocab;
  if (!vocab || Array.isArray(vocab)) return () => undefined;
  const tokens = new Map<number, string>();
  for (const [token, id] of Object.entries(vocab)) tokens.set(id, token);
  const byteLevel = JSON.stringify(file.decoder ?? null).includes('"ByteLevel"');
  const alphabet = byteLevel ? byteLevelAlphabet() : undefined;
  return (id) => {
    const token = tokens.get(id);
    if (token === undefined) return undefined;
    const fallback = /^<0x([0-9A-Fa-f]{2})>$/.exec(token);
    if (fallback && file.model?.byte_fallback) return Uint8Array.of(Number.parseInt(fallback[1]!, 16));
    if (!alphabet) return undefined;
    const bytes: number[] = [];
    for (const ch of token) {
      const b = alphabet.get(ch);
      if (b === undefined) return undefined;
      bytes.push(b);
    }
    return Uint8Array.from(bytes);
  };
}
