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
  const eos = asIds(generationConfig.eos_token_id ?? config.eos_token_id);
  return {
    layers, kvHeads, headDim, contextLength, vocabSize,
    bosTokenId: asNumber(generationConfig.bos_token_id ?? config.bos_token_id),
    eosTokenIds: eos,
  };
}
