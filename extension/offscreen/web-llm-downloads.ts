import { webLlmProgress, type ManagedDownloads } from '../../models/downloads/download-service.ts';
import { packagedAppConfig } from '../../workers/engines/web-llm-config.ts';
import { PocketError } from '../protocol/errors.ts';
import type { ModelHost } from './model-host.ts';

/** The Cache Storage caches web-llm 0.2.86 keeps a model's files in (its default, not IndexedDB). */
const WEB_LLM_CACHES = ['webllm/config', 'webllm/model', 'webllm/wasm'];

/**
 * web-llm downloads a model's weights into its own cache when the model first loads: the Models tab's Download loads
 * it in its worker (which keeps it for the first use), Delete empties web-llm's cache of it.
 */
export function webLlmDownloads(host: ModelHost): ManagedDownloads {
  return {
    fetch: async (entry, onProgress, signal) => {
      let bytes = 0;
      await host.fetchModel(entry.id, (event) => {
        const progress = webLlmProgress(event);
        bytes = progress.bytesDone ?? bytes;
        onProgress(progress);
      }, signal);
      return { bytes };
    },
    // The host's Delete handler has unloaded the model already.
    remove: async (entry) => {
      // A row no catalogue entry describes any more is swept by its id in the address, if it is a web-llm id (they
      // end in "-MLC"): another model's id ("main") could match every address.
      if (entry.source?.kind !== 'web-llm' && !/-MLC$/.test(entry.id)) return;
      const modelId = entry.source?.kind === 'web-llm' ? entry.source.modelId : entry.id;
      let modelPath = `/${modelId}/`;
      try {
        const webllm = await import('@mlc-ai/web-llm');
        const { appConfig } = packagedAppConfig(webllm.prebuiltAppConfig, modelId, self.location.origin);
        modelPath = `${appConfig.model_list[0]!.model.replace(/\/+$/, '')}/`;
        // web-llm reads the model's weight manifest to know what to delete, which fails offline or when the download
        // never got that far; whatever it leaves, the sweep of its caches below removes.
        await webllm.deleteModelAllInfoInCache(modelId, appConfig).catch(() => undefined);
      } catch {
        // Not a model web-llm lists: only the sweep.
      }
      const failures: string[] = [];
      for (const name of WEB_LLM_CACHES) {
        try {
          // Opening a cache that is not there would create it (a write, which a full disk refuses).
          if (!(await caches.has(name))) continue;
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (modelPath.startsWith('http') ? request.url.startsWith(modelPath) : request.url.includes(modelPath)) await cache.delete(request);
          }
        } catch (error) {
          failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      // Every cache is tried; what could not be emptied is said (the rows stay, so Delete can be pressed again).
      if (failures.length) throw new PocketError(`web-llm's cache could not be emptied of "${modelId}" (${failures.join('; ')})`);
    },
  };
}
