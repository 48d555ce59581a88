import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { compatibility, memoryWarning, type CatalogueEntry } from '../../../models/catalogue.ts';
import { request } from '../../platform/index.ts';
import type { ModelRow } from '../../storage/db.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { errorDetail } from '../../ui/error-text.ts';
import { failureAdvice } from './failure.ts';
import { AddModelForm } from './AddModelForm.tsx';
import { DefaultModels } from './DefaultModels.tsx';
import { type DeviceFacts, unknownModelRows, useCandidates } from './use-models.ts';
import { downloadBuiltIn } from '../../../models/builtin.ts';

export const formatBytes = (bytes: number) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
const downloadSize = (entry: CatalogueEntry) => {
  if (entry.source.kind === 'builtin') return 'managed by Chrome';
  const known = entry.files.reduce((sum, file) => sum + (file.bytes ?? 0), 0);
  return known ? formatBytes(known) : `~${entry.memoryMb} MB in memory`;
};
const eta = (seconds: number | null) => (seconds === null ? '' : seconds < 90 ? `${Math.ceil(seconds)} s left` : `${Math.ceil(seconds / 60)} min left`);

const STATE_WORDS: Record<string, string> = {
  downloading: 'downloading', paused: 'download paused', complete: 'downloaded, ready to use', failed: 'download failed',
};

/** Chrome's own model: Chrome downloads it (from this click: it needs a user gesture) and keeps it. */
function BuiltInState({ device }: { device: DeviceFacts }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = () => {
    setError(null);
    setProgress(0);
    downloadBuiltIn(setProgress).then(() => device.refresh(), setError).finally(() => setProgress(null));
  };
  if (device.builtin === undefined) return <span>Asking Chrome…</span>;
  if (device.builtin === 'available') return <span>Managed by Chrome · ready</span>;
  return (
    <div data-state={device.builtin}>
      {progress !== null || device.builtin === 'downloading'
        ? (
          <>
            <progress max={1} value={progress ?? undefined} aria-label="Chrome is downloading its built-in model" />
            <div class="muted">Chrome is downloading its model{progress !== null ? ` · ${Math.round(progress * 100)}%` : ''}</div>
          </>
        )
        : <button type="button" onClick={download}>Download (by Chrome)</button>}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}

/** A model removed from the list: its row goes, so the panel says so and moves the focus to a neighbouring row. */
export interface Removal {
  id: string;
  name: string;
  /** The rows below and above it when Remove was pressed (their ids), and whether the focus was in its row. */
  next: string | null;
  previous: string | null;
  refocus: boolean;
}

function ModelState({ entry, row, fit, device, onRemoved }: {
  entry: CatalogueEntry; row: ModelRow | undefined; fit: { ok: boolean; reason?: string }; device: DeviceFacts; onRemoved: (removal: Removal) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);
  // The button pressed goes away when the state changes (Download → Cancel): the focus moves to what replaced it.
  const pressed = useRef(false);
  // A delete the host refused because a running task uses the model: asked again here, with what it would stop.
  const [inUse, setInUse] = useState<'models.delete' | 'models.remove' | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const act = (kind: 'models.download' | 'models.cancel' | 'models.delete' | 'models.remove', force = false, from?: EventTarget | null) => {
    setError(null);
    setInUse(null);
    pressed.current = true;
    // Where the focus goes once the row is gone, read while it is still there.
    const tr = from instanceof Element ? from.closest('tr') : null;
    const neighbour = (el: Element | null | undefined) => el?.getAttribute('data-model') ?? null;
    const removal: Removal = {
      id: entry.id, name: entry.name, next: neighbour(tr?.nextElementSibling), previous: neighbour(tr?.previousElementSibling),
      refocus: !!tr && (tr.contains(document.activeElement) || document.activeElement === document.body),
    };
    request(kind, { model: entry.id, ...(force ? { force } : {}) }).then(() => {
      if (kind === 'models.remove') onRemoved(removal);
    }, (failure: unknown) => {
      const busy = failure as { name?: string; data?: { inUse?: unknown } };
      if ((kind === 'models.delete' || kind === 'models.remove') && busy.name === 'BusyError' && busy.data?.inUse === true) setInUse(kind);
      else setError(failure);
    });
  };
  // Layout effect: the question takes the focus as it appears (a plain effect waits for a frame, none in a hidden tab).
  useLayoutEffect(() => {
    if (inUse) keep.current?.focus();
  }, [inUse]);
  const inUseQuestion = inUse && (
    <div role="alert" data-testid="model-in-use">
      {entry.name} is in use by a running task (a story, a solution, a probe or an automation): {inUse === 'models.remove' ? 'removing' : 'deleting'} it
      stops that task.{' '}
      <button type="button" onClick={(event) => act(inUse, true, event.currentTarget)}>{inUse === 'models.remove' ? 'Remove' : 'Delete'} anyway</button>{' '}
      <button type="button" ref={keep} onClick={() => setInUse(null)} onKeyDown={(event) => event.key === 'Escape' && setInUse(null)}>Keep it</button>
    </div>
  );
  const state = row?.state ?? 'absent';
  useEffect(() => {
    if (!pressed.current || !box.current) return;
    const active = document.activeElement;
    if (active && active !== document.body) {
      // Focus the user moved elsewhere stays there (and this row stops following it).
      if (!box.current.contains(active)) pressed.current = false;
      return;
    }
    (box.current.querySelector<HTMLElement>('button') ?? box.current).focus();
  }, [state]);
  const name = entry.name;
  const removeButton = row?.custom !== undefined && (
    <button type="button" aria-label={`Remove ${name} from the list (its files too)`} onClick={(event) => act('models.remove', false, event.currentTarget)}>Remove</button>
  );
  if (entry.source.kind === 'bundled') return <span>Bundled · ready</span>;
  // A downloaded model that cannot run here any more still offers Delete (its bytes are the user's to free).
  if (!fit.ok) {
    return (
      <span title={entry.source.kind === 'web-llm' && entry.unavailableReason ? `missing model library: ${entry.source.libFile}` : undefined}>Unavailable: {fit.reason}
        {row && <> <button type="button" aria-label={`Delete ${name}`} onClick={() => act('models.delete')}>Delete</button>{removeButton}{inUseQuestion}{error !== null && <ErrorNotice error={error} />}</>}
      </span>
    );
  }
  if (entry.source.kind === 'builtin') return <BuiltInState device={device} />;
  const progress = row?.progress;
  const tight = memoryWarning(entry, device.memoryGb);
  return (
    <div data-state={state} ref={box} tabIndex={-1}>
      {tight && <div class="muted" data-field="model.memory">{tight[0]!.toUpperCase() + tight.slice(1)}.</div>}
      {/* Announced when the download's state changes, not on every progress update. */}
      <span role="status" class="sr-only">{STATE_WORDS[state] ? `${entry.name}: ${STATE_WORDS[state]}` : ''}</span>
      {state === 'absent' && <><button type="button" aria-label={`Download ${name}`} onClick={() => act('models.download')}>Download</button>{' '}{removeButton}</>}
      {state === 'downloading' && (
        <>
          {/* No value while the total is unknown (files the catalogue gives no size for): an indeterminate bar. */}
          {progress?.bytesTotal
            ? <progress max={progress.bytesTotal} value={progress.bytesDone} aria-label={`Downloading ${entry.name}`} />
            : <progress aria-label={progress?.stage === 'check' ? `Checking ${entry.name}` : `Downloading ${entry.name}`} />}
          <div class="muted" data-field="download.progress">
            {!progress ? 'Starting…' : progress.stage === 'check' ? 'Downloaded; loading it once to check that it runs here…' : progress.bytesTotal
              ? [`${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}`, `${formatBytes(progress.rateBps)}/s`, eta(progress.etaS)].filter(Boolean).join(' · ')
              : `${formatBytes(progress.bytesDone)} so far (size not known yet) · ${formatBytes(progress.rateBps)}/s`}
          </div>
          <button type="button" aria-label={`Cancel ${name}`} onClick={() => act('models.cancel')}>Cancel</button>
        </>
      )}
      {state === 'paused' && (
        <>
          <span>Paused · {formatBytes(row?.bytes ?? 0)} kept</span>{' '}
          <button type="button" aria-label={`Resume ${name}`} onClick={() => act('models.download')}>Resume</button>{' '}
          <button type="button" aria-label={`Delete ${name}`} onClick={() => act('models.delete')}>Delete</button>{' '}{removeButton}
        </>
      )}
      {state === 'complete' && (
        <>
          <span>Downloaded · {formatBytes(row?.bytes ?? 0)}</span>{' '}
          <button type="button" aria-label={`Delete ${name}`} onClick={() => act('models.delete')}>Delete</button>{' '}{removeButton}
        </>
      )}
      {state === 'failed' && (() => {
        const kept = row?.bytes ?? 0;
        const advice = failureAdvice(row?.error, row?.custom !== undefined, kept);
        const detail = errorDetail({ name: row?.error?.name, message: advice.detail ?? row?.error?.message ?? 'the download stopped' });
        return (
          <>
            <div role="alert" class="error" data-error-name={row?.error?.name}>
              <strong>{advice.headline}</strong>: {detail}
              {advice.hint && <>{/[.!?]$/.test(detail) ? '' : '.'} {advice.hint}</>}
            </div>
            {/* What was written stays (a full disk, a dropped server): the next try resumes from it. Where no try can
                help (a wrong checksum, not a model file), the bytes on disk are only the verified files, which Delete frees. */}
            {kept > 0 && <span>{advice.retry === 'resume' ? `${formatBytes(kept)} kept` : `${formatBytes(kept)} on disk`}</span>}{' '}
            {advice.retry !== null && (
              <button type="button" aria-label={advice.retry === 'resume' ? `Resume ${name}` : `Try again: ${name}`} onClick={() => act('models.download')}>
                {advice.retry === 'resume' ? 'Resume' : 'Try again'}
              </button>
            )}{' '}
            <button type="button" aria-label={`Delete ${name}`} onClick={() => act('models.delete')}>Delete</button>{' '}{removeButton}
          </>
        );
      })()}
      {inUseQuestion}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}

/** A stored model this version cannot describe or run: its files can still be deleted. */
function UnknownModelRow({ row }: { row: ModelRow }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <tr data-model={row.id}>
      <th scope="row">
        {row.id}
        <div class="muted">Stored by an earlier version of Pocket SLM; this one cannot use it.</div>
      </th>
      <td>unknown</td>
      <td>{formatBytes(row.bytes)}</td>
      <td data-field="model.state">
        <button type="button" aria-label={`Delete ${row.id}`} onClick={() => {
          setError(null);
          request('models.delete', { model: row.id }).catch(setError);
        }}>Delete</button>
        {error !== null && <ErrorNotice error={error} />}
      </td>
    </tr>
  );
}

const RECHECK_DOWNLOADS_MS = 10_000;

/** The catalogue as this device sees it: what is installed, downloads in flight, what could run here, and why not. */
export function ModelsPanel() {
  const [storage, setStorage] = useState<{ usageBytes: number; quotaBytes: number } | null>(null);
  const { candidates, rows, device } = useCandidates();
  const { gpuFeatures } = device;
  const downloadedBytes = rows.reduce((sum, row) => sum + row.bytes, 0);
  useEffect(() => {
    request('models.storage', {}).then(setStorage, () => setStorage(null));
  }, [downloadedBytes]);

  // A download whose host went away (closed, crashed) while this tab shows it would read "downloading" forever: the
  // background is asked now and then, and pauses it when no host is running.
  const downloading = rows.some((row) => row.state === 'downloading');
  useEffect(() => {
    if (!downloading) return;
    const timer = setInterval(() => void request('models.check', {}).catch(() => undefined), RECHECK_DOWNLOADS_MS);
    return () => clearInterval(timer);
  }, [downloading]);

  // A removed model's row goes away with the focus in it: the panel says what happened (a live region outside the
  // table, so it outlives the row) and moves the focus to the next row (or the one above, or the heading).
  const [announcement, setAnnouncement] = useState('');
  const removed = useRef<Removal | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const onRemoved = (removal: Removal) => {
    removed.current = removal;
    setAnnouncement(`Removed ${removal.name}`);
  };
  useEffect(() => {
    const removal = removed.current;
    if (!removal || rows.some((row) => row.id === removal.id)) return;
    removed.current = null;
    const active = document.activeElement;
    if (!removal.refocus && active && active !== document.body) return;
    const rowButton = (id: string | null) => (id ? document.querySelector<HTMLElement>(`tr[data-model="${CSS.escape(id)}"] button`) : null);
    (rowButton(removal.next) ?? rowButton(removal.previous) ?? heading.current)?.focus();
  });

  const byId = new Map(rows.map((row) => [row.id, row]));
  const fitOf = (entry: CatalogueEntry) => (gpuFeatures === undefined
    // Before the device probe answers, only what does not depend on the device is known.
    ? (entry.unavailableReason ? { ok: false, reason: entry.unavailableReason } : { ok: true })
    : compatibility(entry, gpuFeatures, device.builtin));
  const rowOf = (entry: CatalogueEntry) => (
    <tr key={entry.id} data-model={entry.id}>
      <th scope="row">
        {entry.name}
        <div class="muted">{entry.description}</div>
      </th>
      <td>{entry.architecture}, {entry.params}, {entry.dtype}</td>
      <td>{downloadSize(entry)}</td>
      <td data-field="model.state">
        <ModelState entry={entry} row={byId.get(entry.id)} device={device} fit={fitOf(entry)} onRemoved={onRemoved} />
      </td>
    </tr>
  );
  // Models that cannot run here (a library not packaged, a GPU feature missing) go below, folded: they are many.
  const listed = ({ entry }: (typeof candidates)[number]) => fitOf(entry).ok || byId.has(entry.id);
  const runnable = candidates.filter(listed);
  const cannot = candidates.filter((candidate) => !listed(candidate));
  const head = (
    <thead>
      <tr><th scope="col">Model</th><th scope="col">Kind</th><th scope="col">Size</th><th scope="col">On this device</th></tr>
    </thead>
  );

  return (
    <section aria-labelledby="models-heading">
      <h2 id="models-heading" ref={heading} tabIndex={-1}>Models</h2>
      <p role="status" class="sr-only" data-testid="models-announcement">{announcement}</p>
      <p class="muted">
        Everything runs on this device. The bundled model works offline; others download once when you ask.
        {storage && <> Models use <strong data-field="storage.models">{formatBytes(downloadedBytes)}</strong>; the browser allows
          Pocket SLM {formatBytes(storage.quotaBytes)} in all ({formatBytes(storage.usageBytes)} used).</>}
      </p>
      <table class="models">
        <caption class="sr-only">Model catalogue</caption>
        {head}
        <tbody>
          {runnable.map(({ entry }) => rowOf(entry))}
          {unknownModelRows(rows).map((row) => <UnknownModelRow key={row.id} row={row} />)}
        </tbody>
      </table>
      {cannot.length > 0 && (
        <details data-testid="models-unavailable">
          <summary>{cannot.length} model{cannot.length === 1 ? '' : 's'} that cannot run here, and why</summary>
          <table class="models">
            <caption class="sr-only">Models that cannot run on this device or in this build</caption>
            {head}
            <tbody>{cannot.map(({ entry }) => rowOf(entry))}</tbody>
          </table>
        </details>
      )}
      <AddModelForm />
      <DefaultModels candidates={candidates} />
    </section>
  );
}
