import type * as Ort from 'onnxruntime-web';
import { ModelNotFoundError } from '../extension/protocol/errors.ts';
import type { BackendPreference } from '../extension/protocol/schemas.ts';
import type { CatalogueEntry } from '../models/catalogue.ts';
import { seq2seqFiles } from '../models/registry.ts';
import { OrtSeq2SeqEngine, type Seq2SeqDecoderFiles } from './engines/ort-seq2seq.ts';
import { seq2seqConfigFrom } from './engines/seq2seq-config.ts';
import { checkTokenizerFits } from './engines/model-config.ts';
import { TextTokenizer } from './engines/tokenizer.ts';
import type { Engine } from './engines/types.ts';
import { graphExternalData, readModelFile, readModelJson } from './model-files.ts';

type Backend = 'webgpu' | 'wasm';
/** The worker's backend policy: WebGPU first, WASM with a reason (passed in so the worker keeps one policy). */
export type WithBackend = <T>(entry: CatalogueEntry, preference: BackendPreference,
  load: (backend: Backend, fallbackReason?: string) => Promise<T>, modelBytes?: number) => Promise<T>;

/** Reads an encoder-decoder entry's files (bundled or downloaded) and loads OrtSeq2SeqEngine on the chosen backend. */
export async function loadOrtSeq2Seq(ortFor: (backend: Backend) => typeof Ort, entry: CatalogueEntry, preference: BackendPreference,
  withBackend: WithBackend): Promise<Engine> {
  const origin = self.location.origin;
  const files = seq2seqFiles(entry.files.map((f) => f.path));
  if (!files) {
    throw new ModelNotFoundError(`"${entry.name}" lacks encoder_model.onnx and decoder_model_merged.onnx `
      + '(or decoder_model.onnx with decoder_with_past_model.onnx)');
  }
  const read = (path: string) => readModelFile(entry, path, origin);
  const [encoder, decoder, tokenizerJson, tokenizerConfig, config, generationConfig] = await Promise.all([
    read(files.encoder),
    'merged' in files
      ? read(files.merged).then((merged): Seq2SeqDecoderFiles => ({ merged }))
      : Promise.all([read(files.first), read(files.withPast)]).then(([first, withPast]): Seq2SeqDecoderFiles => ({ decoder: first, withPast })),
    readModelJson(entry, 'tokenizer.json', origin),
    readModelJson(entry, 'tokenizer_config.json', origin),
    readModelJson(entry, 'config.json', origin),
    readModelJson(entry, 'generation_config.json', origin).catch(() => ({})),
  ]);
  const graphs: [string, Uint8Array][] = 'merged' in decoder && 'merged' in files
    ? [[files.encoder, encoder], [files.merged, decoder.merged]]
    : 'first' in files && 'decoder' in decoder ? [[files.encoder, encoder], [files.first, decoder.decoder], [files.withPast, decoder.withPast]] : [];
  const outside = [...new Set(graphs.flatMap(([path, graph]) => graphExternalData(entry, path, graph)))];
  if (outside.length) {
    throw new ModelNotFoundError(`"${entry.name}" keeps its weights in separate files (${outside.join(', ')}); `
      + 'encoder-decoder models in that layout are not supported yet (decoder-only ones are)');
  }
  const tokenizer = new TextTokenizer({ tokenizerJson, tokenizerConfig });
  const seq2seqConfig = seq2seqConfigFrom(config, generationConfig, tokenizerConfig);
  checkTokenizerFits(tokenizerJson, seq2seqConfig.vocabSize);
  const bytes = encoder.byteLength + ('merged' in decoder ? decoder.merged.byteLength : decoder.decoder.byteLength + decoder.withPast.byteLength);
  return withBackend(entry, preference, (backend, fallbackReason) => OrtSeq2SeqEngine.load({
    ort: ortFor(backend), modelId: entry.id, encoder, decoder, tokenizer, config: seq2seqConfig, backend, fallbackReason,
  }), bytes);
}

