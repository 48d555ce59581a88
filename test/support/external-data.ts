/**
 * Rewrites an ONNX model into the external-data layout big exports use (the graph in `model.onnx`, the weights in a
 * side file such as `model.onnx_data`, each initializer pointing at its offset and length), as the test fixture for
 * loading such models. Written with the engine's own protobuf helpers; the bytes of every weight are unchanged.
 */
import { bytesField, decodeMessage, encodeMessage, intField, messageField, stringField } from '../../workers/engines/graph/protobuf.ts';

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR = { rawData: 9, externalData: 13, dataLocation: 14 } as const;
const EXTERNAL = 1;

export function externalize(model: Uint8Array, location: string, minBytes = 1024): { graph: Uint8Array; data: Uint8Array; moved: number } {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  let moved = 0;
  const fields = decodeMessage(model).map((field) => {
    if (field.no !== MODEL_GRAPH || field.wire !== 2) return field;
    const graph = decodeMessage(field.bytes).map((g) => {
      if (g.no !== GRAPH_INITIALIZER || g.wire !== 2) return g;
      const tensor = decodeMessage(g.bytes);
      const raw = tensor.find((t) => t.no === TENSOR.rawData);
      if (!raw || raw.wire !== 2 || raw.bytes.byteLength < minBytes) return g;
      const entry = (key: string, value: string) => messageField(TENSOR.externalData, [stringField(1, key), stringField(2, value)]);
      const rewritten = [
        ...tensor.filter((t) => t !== raw),
        entry('location', location), entry('offset', String(offset)), entry('length', String(raw.bytes.byteLength)),
        intField(TENSOR.dataLocation, EXTERNAL),
      ];
      chunks.push(raw.bytes);
      offset += raw.bytes.byteLength;
      moved += 1;
      return bytesField(GRAPH_INITIALIZER, encodeMessage(rewritten));
    });
    return bytesField(MODEL_GRAPH, encodeMessage(graph));
  });
  const data = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.byteLength;
  }
  return { graph: encodeMessage(fields), data, moved };
}
