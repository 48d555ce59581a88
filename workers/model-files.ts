import { IntegrityError, ModelNotFoundError } from '../extension/protocol/errors.ts';
import type { CatalogueEntry } from '../models/catalogue.ts';
import { finalPath } from '../models/downloads/download-manager.ts';
import { externalDataLocations } from './engines/graph/onnx-model.ts';
import { OpfsFileStore } from '../models/downloads/opfs-store.ts';

const downloaded = new OpfsFileStore();

/**
 * Reads one of a model's files: bundled ones from the extension package, downloaded ones from OPFS. Only committed
 * (verified) files exist under their final name, so a half-downloaded model is reported missing, never loaded.
 */
export async function readModelFile(entry: CatalogueEntry, path: string, origin: string): Promise<Uint8Array> {
  if (entry.source.kind === 'bundled') {
    const response = await fetch(new URL(`/${entry.source.folder}/${path}`, origin));
    if (!response.ok) throw new ModelNotFoundError(`bundled file ${path} of "${entry.name}" is missing (${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  }
  if (!(await downloaded.exists(finalPath(entry.id, path)))) {
    throw new ModelNotFoundError(`"${entry.name}" is not downloaded on this device (${path} is missing)`, { model: entry.id });
  }
  return downloaded.read(finalPath(entry.id, path));
}

/** The weight files an ONNX graph names, or an IntegrityError naming the file when it is not a readable ONNX model. */
export function graphExternalData(entry: CatalogueEntry, path: string, bytes: Uint8Array): string[] {
  try {
    return externalDataLocations(bytes);
  } catch (error) {
    throw new IntegrityError(`${path} of "${entry.name}" is not a valid ONNX model (${(error as Error).message.slice(0, 120)}): delete the model and download it again`,
      { file: path, expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: bytes.length });
  }
}

export async function readModelJson(entry: CatalogueEntry, path: string, origin: string): Promise<Record<string, unknown>> {
  const bytes = await readModelFile(entry, path, origin);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new IntegrityError(`${path} of "${entry.name}" is not valid JSON (${(error as Error).message.slice(0, 120)}): delete the model and download it again`,
      { file: path, expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: bytes.length });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new IntegrityError(`${path} of "${entry.name}" is not a JSON object: delete the model and download it again`,
      { file: path, expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: bytes.length });
  }
  return value as Record<string, unknown>;
}
