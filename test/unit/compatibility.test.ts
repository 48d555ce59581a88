import { expect, test } from 'vitest';
import { catalogue, compatibility } from '../../models/catalogue.ts';

test('a web-llm model needs WebGPU even in its f32 build; an ONNX model runs on WASM without it (review, session 13)', () => {
  const f32 = { ...catalogue.find((e) => e.id === 'SmolLM2-360M-Instruct-q4f32_1-MLC')!, unavailableReason: undefined };
  expect(compatibility(f32, null)).toEqual({ ok: false, reason: 'needs WebGPU, which is not available' });
  expect(compatibility(f32, [])).toEqual({ ok: true });
  const onnx = catalogue.find((e) => e.id === 'qwen2.5-0.5b-instruct-onnx')!;
  expect(compatibility(onnx, null)).toEqual({ ok: true });
});
