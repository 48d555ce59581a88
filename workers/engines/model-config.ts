import { IntegrityError } from '../../extension/protocol/errors.ts';

/** The parts of a Hugging Face config.json a decoder-only KV-cache loop needs. */
export interface DecoderConfig {
  layers: number;
  kvHeads: number;
  headDim: number;
  contextLength: number;
  vocabSize: number;
  bosTokenId: number | undefined;
  eosTokenIds: number[];
}

const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asIds = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((id): id is number => typeof id === 'number') : typeof value === 'number' ? [value] : [];

const CONFIG_FILE = { file: 'config.json', expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: null };

/** The longest context this engine plans for in a browser tab (longer claims are cut to it). */
export const MAX_CONTEXT = 32_768;
/** The shortest context worth running: a prompt and an answer of a few tokens each. */
export const MIN_CONTEXT = 16;

/** One more than the highest id tokenizer.json gives (its vocabulary and its added tokens), or undefined if its vocabulary is unreadable. */
export function tokenizerIds(tokenizerJson: unknown): number | undefined {
  const json = tokenizerJson as { model?: { vocab?: unknown }; added_tokens?: { id?: unknown }[] } | null;
  const vocab = json?.model?.vocab;
  let ids = Array.isArray(vocab) ? vocab.length : 0;
  if (vocab && typeof vocab === 'object' && !Array.isArray(vocab)) {
    for (const id of Object.values(vocab)) if (typeof id === 'number' && id + 1 > ids) ids = id + 1;
  }
  // A vocabulary this cannot read (another model type's layout) says nothing: its added tokens alone are not its size.
  if (!ids) return undefined;
  for (const token of Array.isArray(json?.added_tokens) ? json.added_tokens : []) {
    if (typeof token?.id === 'number' && token.id + 1 > ids) ids = token.id + 1;
  }
  return ids;
}

/**
 * tokenizer.json must fit the model's output layer: an id past it would read past the embeddings, and a vocabulary far
 * smaller (another model's tokenizer) would decode most of what the model writes to nothing. Exports pad the model's
 * vocabulary a little (Qwen2.5: 151,665 tokens of 151,936; phi-2: 50,295 of 51,200), so only a shortfall over 10% counts.
 */
export function checkTokenizerFits(tokenizerJson: unknown, vocabSize: number, file = 'config.json'): void {
  const ids = tokenizerIds(tokenizerJson);
  if (ids === undefined) return;
  if (ids > vocabSize) {
    throw new IntegrityError(`tokenizer.json has ids up to ${ids - 1}, but ${file} gives the model ${vocabSize} outputs: the model's files do not belong together`, CONFIG_FILE);
  }
  if (ids < vocabSize * 0.9) {
    throw new IntegrityError(`tokenizer.json knows ${ids} tokens, but ${file} gives the model ${vocabSize}: most of what it writes could not be read (another model's tokenizer?)`, CONFIG_FILE);
  }
}

export function decoderConfigFrom(config: Record<string, unknown>, generationConfig: Record<string, unknown> = {}): DecoderConfig {
  const layers = asNumber(config.num_hidden_layers ?? config.n_layer);
  const heads = asNumber(config.num_attention_heads ?? config.n_head);
  const hidden = asNumber(config.hidden_size ?? config.n_embd);
  const kvHeads = asNumber(config.num_key_value_heads) ?? heads;
  const headDim = asNumber(config.head_dim) ?? (hidden && heads ? hidden / heads : undefined);
  // Several buffers are sized by the context: a config that claims two billion positions must not allocate for them.
  const claimedContext = asNumber(config.max_position_embeddings ?? config.n_positions);
  const contextLength = claimedContext === undefined ? undefined : Math.min(Math.floor(claimedContext), MAX_CONTEXT);
  const vocabSize = asNumber(config.vocab_size);
  if (!layers || !kvHeads || !headDim || !contextLength || !vocabSize) {
    throw new IntegrityError('config.json lacks layers, heads, hidden size, context length or vocabulary size', CONFIG_FILE);
  }
  const notWhole = Object.entries({ layers, 'key/value heads': kvHeads, 'head size': headDim, 'context length': contextLength, 'vocabulary size': vocabSize })
    .find(([, n]) => !Number.isInteger(n) || n < 1);
  if (notWhole) throw new IntegrityError(`config.json gives ${notWhole[0]} ${notWhole[1]}: it must be a whole number ≥ 1`, CONFIG_FILE);
  if (contextLength < MIN_CONTEXT) {
    throw new IntegrityError(`config.json gives a context of ${contextLength} tokens: at least ${MIN_CONTEXT} are needed to hold a prompt and an answer`, CONFIG_FILE);
  }
  const eos = asIds(generationConfig.eos_token_id ?? config.eos_token_id);
  return {
    layers, kvHeads, headDim, contextLength, vocabSize,
    bosTokenId: asNumber(generationConfig.bos_token_id ?? config.bos_token_id),
    eosTokenIds: eos,
  };
}
