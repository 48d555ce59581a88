import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { CustomModelSchema, NewCustomModelSchema, parseFileList } from '../../../models/custom-model.ts';
import { request, requestHostPermissions } from '../../platform/index.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { database } from '../../storage/db.ts';

const DEFAULT_FILES = 'onnx/model.onnx\ntokenizer.json\ntokenizer_config.json\nconfig.json\ngeneration_config.json';

/** A server that does not answer within this long is reported, not waited for without end. */
const SIZE_TIMEOUT_MS = 20_000;

/**
 * A file's size as the download will see it. A one-byte Range request first: browsers then ask for the file
 * uncompressed, and the total in Content-Range is the real length, where HEAD on a host that compresses reports the
 * compressed one (every download would then fail its size check). HEAD only where ranges are not answered.
 */
async function sizeOf(url: string): Promise<number> {
  const probe = await fetch(url, { headers: { Range: 'bytes=0-0' }, cache: 'no-store', signal: AbortSignal.timeout(SIZE_TIMEOUT_MS) })
    .catch((error: unknown) => {
      throw new Error(`${url} did not answer${error instanceof DOMException && error.name === 'TimeoutError' ? ` within ${SIZE_TIMEOUT_MS / 1000} s` : ` (${error instanceof Error ? error.message : String(error)})`}`);
    });
  await probe.body?.cancel().catch(() => undefined);
  const total = Number(/\/(\d+)$/.exec(probe.headers.get('content-range') ?? '')?.[1]);
  if (probe.status === 206 && total > 0) return total;
  if (!probe.ok) throw new Error(`${url} answered ${probe.status}`);
  const encoding = probe.headers.get('content-encoding');
  const length = Number(probe.headers.get('content-length'));
  if (probe.status === 200 && (!encoding || encoding === 'identity') && length > 0) return length;
  const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(SIZE_TIMEOUT_MS) });
  const bytes = Number(response.headers.get('content-length'));
  if (!response.ok || !Number.isFinite(bytes) || bytes <= 0) throw new Error(`${url} answered ${response.status} without a size`);
  return bytes;
}

/**
 * Adds an ONNX model in the optimum/transformers.js layout by URL. Sizes come from the server (sizeOf); hashes, when
 * given, are checked while downloading. The model then appears in the table with a Download button.
 */
export function AddModelForm() {
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    setError(null);
    setAdded('');
    setBusy(true);
    try {
      const lines = parseFileList(field('base'), field('files'));
      // The same id again would quietly replace that model's definition (and what the form cannot say, such as its
      // role as a script writer): the user deletes it first, or picks another id. Checked before any network work.
      // (A quick local read: the click still counts as a gesture for the permission request below.)
      if (field('id') && await database().models.get(field('id'))) {
        throw new Error(`A model with the id "${field('id')}" is already added. Remove it in the table first (its files and entry go), or choose another id.`);
      }
      // Name and context length are checked before any network work too.
      v.parse(v.pick(CustomModelSchema, ['name', 'contextLength']), { name: field('name') || field('id') || ' ', contextLength: Number(field('context') || NaN) });
      // Servers without CORS need host access; asked for while the click still counts as a gesture.
      await requestHostPermissions([...new Set(lines.map((l) => `${new URL(l.url).origin}/*`))]);
      const files = await Promise.all(lines.map(async (line) => ({ ...line, bytes: await sizeOf(line.url) })));
      const model = v.parse(NewCustomModelSchema, { id: field('id'), name: field('name') || field('id'), contextLength: Number(field('context')), files });
      await request('models.register', { model });
      setAdded(model.name);
    } catch (caught) {
      // The form's own check: shown as any refusal is ("Not accepted: …"), in the schema's words.
      setError(caught instanceof v.ValiError ? Object.assign(new Error(caught.issues.map((i) => i.message).join('; ')), { name: 'ValidationError' }) : caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="add-model">
      <summary>Add a model by URL</summary>
      <form onSubmit={(e) => void submit(e)} aria-label="Add a model by URL">
        <label for="add-id">Id <input id="add-id" name="id" required pattern="[a-z0-9][a-z0-9._\-]{1,63}" placeholder="my-model" /></label>
        <label for="add-name">Name <input id="add-name" name="name" placeholder="My model" maxLength={100} /></label>
        <label for="add-context">Context length <input id="add-context" name="context" type="number" min={16} defaultValue="2048" /></label>
        <label for="add-base">Base URL <input id="add-base" name="base" type="url" placeholder="https://huggingface.co/ORG/REPO/resolve/REVISION/" /></label>
        <label for="add-files">Files (path, optional URL, optional sha256 — one per line)
          <textarea id="add-files" name="files" rows={5} defaultValue={DEFAULT_FILES} />
        </label>
        <button type="submit" disabled={busy}>{busy ? 'Checking files…' : 'Add model'}</button>
        {added && <p role="status">Added “{added}”. Download it from the table.</p>}
        {error !== null && <ErrorNotice error={error} />}
      </form>
    </details>
  );
}
