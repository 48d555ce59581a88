import { useEffect, useState } from 'preact/hooks';
import { catalogue, compatibility, type CatalogueEntry } from '../../../models/catalogue.ts';
import { request } from '../../platform/index.ts';

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const downloadSize = (entry: CatalogueEntry) => {
  const known = entry.files.reduce((sum, file) => sum + (file.bytes ?? 0), 0);
  return known ? megabytes(known) : `~${entry.memoryMb} MB in memory`;
};

/** The catalogue as this device sees it: what is installed, what could run here, and why not. */
export function ModelsPanel() {
  const [gpuFeatures, setGpuFeatures] = useState<string[] | null | undefined>(undefined);
  useEffect(() => {
    request('system.info', {}).then((info) => setGpuFeatures(info.gpu.available ? info.gpu.features : null), () => setGpuFeatures(null));
  }, []);

  return (
    <section aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      <p class="muted">Everything runs on this device. The bundled model works offline; others download once when you ask.</p>
      <table class="models">
        <caption class="sr-only">Model catalogue</caption>
        <thead>
          <tr><th scope="col">Model</th><th scope="col">Kind</th><th scope="col">Size</th><th scope="col">On this device</th></tr>
        </thead>
        <tbody>
          {catalogue.map((entry) => {
            const fit = gpuFeatures === undefined ? { ok: true } : compatibility(entry, gpuFeatures);
            const state = entry.source.kind === 'bundled' ? 'Bundled · ready' : fit.ok ? 'Not downloaded' : `Unavailable: ${fit.reason}`;
            return (
              <tr key={entry.id} data-model={entry.id}>
                <th scope="row">
                  {entry.name}
                  <div class="muted">{entry.description}</div>
                </th>
                <td>{entry.architecture}, {entry.params}, {entry.dtype}</td>
                <td>{downloadSize(entry)}</td>
                <td data-field="model.state">{state}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
