import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { OrtDecoderEngine } from '../../../workers/engines/ort-decoder.ts';
import { fuseDecoderGraph } from '../../../workers/engines/graph/fuse-decoder.ts';
import { externalDataLocations } from '../../../workers/engines/graph/onnx-model.ts';
import { decoderConfigFrom } from '../../../workers/engines/model-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { externalize } from '../../support/external-data.ts';
import { collect } from './collect.ts';

const bundled = join(import.meta.dirname, '../../../models/bundled/tinystories-656k');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const reference = json(join(import.meta.dirname, '../../../../shared/models/TinyStories-656K/reference.json')) as {
  new_tokens: number; prompts: { prompt: string; generated_ids: number[] }[];
};

/** Big exports keep their weights beside the graph (`model.onnx` + `model.onnx_data`); such a model must load and run. */
describe('a decoder whose weights are in a separate file (external data)', () => {
  const { graph, data, moved } = externalize(new Uint8Array(readFileSync(join(bundled, 'model.onnx'))), 'model.onnx_data');

  test('the fixture really moved the weights out: a small graph, the bytes beside it', () => {
    expect(moved).toBeGreaterThan(5);
    expect(graph.byteLength).toBeLessThan(100_000);
    expect(data.byteLength).toBeGreaterThan(2_500_000);
  });

  test('the graph names the file its weights are in (what the model worker loads and passes on); a whole model names none', () => {
    expect(externalDataLocations(graph)).toEqual(['model.onnx_data']);
    expect(externalDataLocations(new Uint8Array(readFileSync(join(bundled, 'model.onnx'))))).toEqual([]);
  });

  test('the fusion pass leaves it as exported (it cannot read weights that are not in the graph file)', () => {
    expect(fuseDecoderGraph(graph, 512)).toBeUndefined();
  });

  test('it loads with its data file and reproduces the golden greedy tokens; without the file, a clear failure', async () => {
    ort.env.wasm.numThreads = 1;
    const options = {
      ort, modelId: 'external', backend: 'wasm' as const, model: graph,
      tokenizer: new TextTokenizer({ tokenizerJson: json(join(bundled, 'tokenizer.json')), tokenizerConfig: json(join(bundled, 'tokenizer_config.json')) }),
      config: decoderConfigFrom(json(join(bundled, 'config.json')), json(join(bundled, 'generation_config.json'))),
    };
    const engine = await OrtDecoderEngine.load({ ...options, externalData: [{ path: 'model.onnx_data', data }] });
    try {
      expect(engine.info.graph).toMatch(/as exported \(weights in model\.onnx_data/);
      const golden = reference.prompts[0]!;
      const { final } = await collect(engine.generate({ id: 'e', prompt: golden.prompt, params: { maxTokens: reference.new_tokens, temperature: 0, stopAtEos: false } }));
      expect(final.tokenIds).toEqual(golden.generated_ids);
    } finally {
      await engine.unload();
    }
    await expect(OrtDecoderEngine.load(options)).rejects.toThrow();
  });
});
