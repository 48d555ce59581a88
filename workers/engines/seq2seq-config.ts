import { IntegrityError } from '../../extension/protocol/errors.ts';

/** The parts of a Hugging Face encoder-decoder config.json (BART, T5, Marian, …) a KV-cache decode loop needs. */
export interface Seq2SeqConfig {
  decoderLayers: number;
  /** Heads of the decoder's self- and cross-attention (the KV cache's second dimension). */
  decoderHeads: number;
  headDim: number;
  /** Longest input the encoder takes, in tokens (specials included). */
  encoderContext: number;
  /** Most tokens the decoder can generate (its position table, or the encoder's window when it has none). */
  decoderContext: number;
  vocabSize: number;
  decoderStartTokenId: number;
  eosTokenIds: number[];
}

const CONFIG_FILE = { file: 'config.json', expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: null };

const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asIds = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((id): id is number => typeof id === 'number') : typeof value === 'number' ? [value] : [];

/**
 * Reads BART-style (`decoder_layers`, `decoder_attention_heads`, `d_model`, `max_position_embeddings`) and T5-style
 * (`num_decoder_layers`/`num_layers`, `num_heads`, `d_kv`, `n_positions`) names; generation_config.json wins where
 * both say something. `model_max_length` from tokenizer_config.json is the fallback window for models with relative
 * positions (T5 has no position table).
 */
export function seq2seqConfigFrom(config: Record<string, unknown>, generationConfig: Record<string, unknown> = {},
  tokenizerConfig: Record<string, unknown> = {}): Seq2SeqConfig {
  const decoderLayers = asNumber(config.decoder_layers ?? config.num_decoder_layers ?? config.num_layers ?? config.num_hidden_layers);
  const decoderHeads = asNumber(config.decoder_attention_heads ?? config.num_heads ?? config.num_attention_heads);
  const hidden = asNumber(config.d_model ?? config.hidden_size);
  const headDim = asNumber(config.d_kv ?? config.head_dim) ?? (hidden && decoderHeads ? hidden / decoderHeads : undefined);
  const tokenizerMax = asNumber(tokenizerConfig.model_max_length);
  const positions = asNumber(config.max_position_embeddings ?? config.n_positions)
    ?? (tokenizerMax !== undefined && tokenizerMax < 1e6 ? tokenizerMax : undefined);
  const vocabSize = asNumber(config.vocab_size);
  const decoderStartTokenId = asNumber(generationConfig.decoder_start_token_id ?? config.decoder_start_token_id
    ?? generationConfig.pad_token_id ?? config.pad_token_id);
  if (!decoderLayers || !decoderHeads || !headDim || !positions || !vocabSize) {
    throw new IntegrityError('config.json lacks decoder layers, heads, hidden size, position count or vocabulary size', CONFIG_FILE);
  }
  const notWhole = Object.entries({ 'decoder layers': decoderLayers, heads: decoderHeads, 'head size': headDim, positions, 'vocabulary size': vocabSize })
    .find(([, n]) => !Number.isInteger(n) || n < 1);
  if (notWhole) throw new IntegrityError(`config.json gives ${notWhole[0]} ${notWhole[1]}: it must be a whole number ≥ 1`, CONFIG_FILE);
  if (decoderStartTokenId === undefined) {
    throw new IntegrityError('neither config.json nor generation_config.json names a decoder start token', CONFIG_FILE);
  }
  if (!Number.isInteger(decoderStartTokenId) || decoderStartTokenId < 0 || decoderStartTokenId >= vocabSize) {
    throw new IntegrityError(`the decoder start token ${decoderStartTokenId} is not in the vocabulary of ${vocabSize}`, CONFIG_FILE);
  }
  return {
    decoderLayers, decoderHeads, headDim, vocabSize, decoderStartTokenId,
    encoderContext: positions,
    decoderContext: positions,
    eosTokenIds: asIds(generationConfig.eos_token_id ?? config.eos_token_id),
  };
}
