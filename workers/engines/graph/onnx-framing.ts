/**
 * Walks an ONNX file's top-level fields (the ModelProto) as it streams, without holding it: each field's header must be
 * well formed, the last field must end exactly where the file does, and one of them must be the graph. A download cut
 * short, or a file that is not a model, fails here; what is inside the graph is not read.
 */
export async function checkOnnxFraming(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const GRAPH_FIELD = 7;
  let skip = 0;
  let header: number[] = [];
  let expecting: 'tag' | 'varint' | 'length' = 'tag';
  let graph = false;
  let offset = 0;
  for await (const chunk of chunks) {
    let i = 0;
    while (i < chunk.length) {
      if (skip > 0) {
        const passed = Math.min(skip, chunk.length - i);
        skip -= passed;
        i += passed;
        offset += passed;
        continue;
      }
      const byte = chunk[i++]!;
      offset++;
      header.push(byte);
      if (header.length > 10) throw new Error(`a field header at byte ${offset} is not one`);
      if (byte & 0x80) continue;
      const value = varint(header);
      header = [];
      if (expecting === 'tag') {
        const field = Math.floor(value / 8);
        const wire = value % 8;
        if (field === 0) throw new Error(`byte ${offset} starts no field`);
        if (wire === 0) expecting = 'varint';
        else if (wire === 2) expecting = 'length';
        else if (wire === 1) skip = 8;
        else if (wire === 5) skip = 4;
        else throw new Error(`field ${field} at byte ${offset} has wire type ${wire}, which ONNX does not use`);
        if (field === GRAPH_FIELD && wire === 2) graph = true;
      } else if (expecting === 'length') {
        skip = value;
        expecting = 'tag';
      } else {
        expecting = 'tag';
      }
    }
  }
  if (skip > 0 || header.length || expecting !== 'tag') {
    throw new Error(`it ends inside a field after ${offset} bytes${skip > 0 ? ` (${skip} more were to come: cut short)` : ''}`);
  }
  if (!graph) throw new Error('it has no graph');
}

/** A protobuf varint (little-endian groups of 7 bits), exact up to 2^53. */
function varint(bytes: number[]): number {
  let value = 0;
  for (let i = bytes.length - 1; i >= 0; i--) value = value * 128 + (bytes[i]! & 0x7f);
  return value;
}
