import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../platform/index.ts';
import type { SystemInfo } from '../protocol/schemas.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { SMALL_MODEL_BYTES } from '../../workers/backend.ts';

type State = { status: 'loading' } | { status: 'ready'; info: SystemInfo } | { status: 'error'; error: unknown };

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function Row({ field, label, value }: { field: string; label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-field={field}>{value || '—'}</dd>
    </>
  );
}

/** What the model worker sees of this device, measured in the worker itself (background → offscreen → worker). */
export function SystemPanel() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = useCallback(() => {
    setState({ status: 'loading' });
    request('system.info', {}).then(
      (info) => setState({ status: 'ready', info }),
      (error: unknown) => setState({ status: 'error', error }),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <section aria-labelledby="system-heading" aria-busy={state.status === 'loading'}>
      <div class="row">
        <h2 id="system-heading">This device</h2>
        {/* Not disabled while asking: a disabled button drops the keyboard focus to the page (aria-disabled keeps it). */}
        <button type="button" aria-disabled={state.status === 'loading'} onClick={() => state.status !== 'loading' && load()}>Check again</button>
      </div>
      {state.status === 'loading' && <p role="status">Asking the model worker about WebGPU and WASM…</p>}
      {state.status === 'error' && <ErrorNotice error={state.error} />}
      {state.status === 'ready' && <SystemDetails info={state.info} />}
    </section>
  );
}

function SystemDetails({ info }: { info: SystemInfo }) {
  const { gpu, wasm } = info;
  // What 'auto' picks (workers/backend.ts): a software-fallback adapter leaves the work to WASM, and so do small models.
  const backend = gpu.available && !gpu.isFallbackAdapter ? 'WebGPU' : wasm.available ? 'WASM' : 'none';
  return (
    <div data-testid="system-details">
      <p class="summary" data-field="backend">
        Models will run on <strong>{backend}</strong>
        {gpu.reason ? `. ${gpu.reason}` : '.'}
        {backend === 'WebGPU' && ` Models up to ${SMALL_MODEL_BYTES / 2 ** 20} MB, like the bundled ones, run on WASM: a token there costs only its arithmetic, on WebGPU a round of GPU kernel launches.`}
      </p>
      <h3>WebGPU adapter</h3>
      <dl>
        <Row field="gpu.available" label="Available" value={yesNo(gpu.available)} />
        <Row field="gpu.vendor" label="Vendor" value={gpu.vendor} />
        <Row field="gpu.architecture" label="Architecture" value={gpu.architecture} />
        <Row field="gpu.device" label="Device" value={gpu.device} />
        <Row field="gpu.description" label="Description" value={gpu.description} />
        <Row field="gpu.isFallbackAdapter" label="Software fallback" value={yesNo(gpu.isFallbackAdapter)} />
        <Row field="gpu.shader-f16" label="shader-f16" value={yesNo(gpu.features.includes('shader-f16'))} />
      </dl>
      {gpu.available && (
        <details>
          <summary>Features ({gpu.features.length}) and limits</summary>
          <ul data-field="gpu.features">{gpu.features.map((feature) => <li key={feature}>{feature}</li>)}</ul>
          <dl>
            {Object.entries(gpu.limits).map(([name, value]) => (
              <Row key={name} field={`gpu.limits.${name}`} label={name} value={value.toLocaleString('en-US')} />
            ))}
          </dl>
        </details>
      )}
      <h3>WebAssembly</h3>
      <dl>
        <Row field="wasm.available" label="Available" value={yesNo(wasm.available)} />
        <Row field="wasm.simd" label="SIMD" value={yesNo(wasm.simd)} />
        <Row field="wasm.threads" label="Threads" value={yesNo(wasm.threads)} />
        <Row field="hardwareConcurrency" label="CPU threads" value={String(info.hardwareConcurrency)} />
        {info.deviceMemoryGb !== undefined && <Row field="deviceMemory" label="Memory (approx.)" value={`${info.deviceMemoryGb} GB`} />}
      </dl>
      <h3>Chrome built-in model</h3>
      <dl>
        <Row field="builtin" label="Prompt API (Gemini Nano)" value={info.builtin === 'absent' ? 'not in this browser' : info.builtin} />
      </dl>
      <p class="muted" data-field="route">
        Measured in the model worker via {info.route.join(' → ')} · Pocket SLM {info.extensionVersion}
      </p>
    </div>
  );
}
