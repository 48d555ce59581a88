import { ModelNotFoundError } from '../extension/protocol/errors.ts';
import type { CatalogueEntry } from '../models/catalogue.ts';

/** Reads one of a model's files: bundled ones from the extension package. */
export async function readModelFile(entry: CatalogueEntry, path: string, origin: string): Promise<Uint8Array> {
  if (entry.source.kind !== 'bundled') {
    throw new ModelNotFoundError(`"${entry.name}" is not downloaded on this device`, { model: entry.id });
  }
  const response = await fetch(new URL(`/${entry.source.folder}/${path}`, origin));
  if (!response.ok) throw new ModelNotFoundError(`bundled file ${path} of "${entry.name}" is missing (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function readModelJson(entry: CatalogueEntry, path: string, origin: string): Promise<Record<string, unknown>> {
  const bytes = await readModelFile(entry, path, origin);
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
