import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { ModelNotFoundError } from '../../extension/protocol/errors.ts';

/** Where a build packages web-llm model libraries (WebAssembly): inside the extension, never fetched from a CDN. */
export const WEB_LLM_LIB_FOLDER = 'models/web-llm-libs';

/**
 * One-model app config for web-llm: weights from the model's own repo (data, downloaded and cached by web-llm), the
 * model library from the extension package. Chrome Web Store policy forbids executing remotely fetched wasm.
 */
export function packagedAppConfig(prebuilt: AppConfig, mlcModelId: string, origin: string): { appConfig: AppConfig; libUrl: string } {
  const record = prebuilt.model_list.find((m) => m.model_id === mlcModelId);
  if (!record) throw new ModelNotFoundError(`web-llm ${prebuilt.model_list.length ? 'has' : 'lists'} no model "${mlcModelId}"`);
  const libFile = record.model_lib.split('/').pop()!;
  const libUrl = new URL(`/${WEB_LLM_LIB_FOLDER}/${libFile}`, origin).href;
  const packaged: ModelRecord = { ...record, model_lib: libUrl };
  return { appConfig: { ...prebuilt, model_list: [packaged] }, libUrl };
}

/** The library must be in the package before web-llm is asked to load anything. */
export async function assertLibraryPackaged(libUrl: string, fetcher: typeof fetch = fetch): Promise<void> {
  const response = await fetcher(libUrl, { method: 'HEAD' }).catch(() => undefined);
  if (!response?.ok) {
    throw new ModelNotFoundError(`this build does not package the web-llm model library ${libUrl.split('/').pop()}; see README "web-llm models"`);
  }
}
