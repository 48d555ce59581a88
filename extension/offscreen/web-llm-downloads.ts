import { webLlmProgress, type ManagedDownloads } from '../../models/downloads/download-service.ts';
import { packagedAppConfig } from '../../workers/engines/web-llm-config.ts';
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
    remove: async (entry) => {
      if (entry.source.kind !== 'web-llm') return;
      host.unload(entry.id);
      const webllm = await import('@mlc-ai/web-llm');
      const { appConfig } = packagedAppConfig(webllm.prebuiltAppConfig, entry.source.modelId, self.location.origin);
      // web-llm reads the model's weight manifest to know what to delete, which fails offline or when the download
      // never got that far; whatever it leaves, the sweep of its caches by the model's address removes.
      await webllm.deleteModelAllInfoInCache(entry.source.modelId, appConfig).catch(() => undefined);
      const modelUrl = appConfig.model_list[0]!.model.replace(/\/+$/, '') + '/';
      for (const name of WEB_LLM_CACHES) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) if (request.url.startsWith(modelUrl)) await cache.delete(request);
      }
    },
  };
}
