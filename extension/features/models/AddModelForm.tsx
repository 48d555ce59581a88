import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { CustomModelSchema, mlcRefusal, NewCustomModelSchema, parseModelSource, type FileLine } from '../../../models/custom-model.ts';
import { statusWords } from '../../../models/http-status.ts';
import { customEntry } from '../../../models/registry.ts';
import { ValidationError } from '../../protocol/errors.ts';
import { request, requestHostPermissions } from '../../platform/index.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useDraft } from '../../ui/draft.ts';
import { database } from '../../storage/db.ts';

const DEFAULT_FILES = 'onnx/model.onnx\ntokenizer.json\ntokenizer_config.json\nconfig.json\ngeneration_config.json';

/** What the form holds, kept across popup openings (the popup closes whenever focus leaves it). */
export interface AddModelDraft {
  id: string;
  name: string;
  context: string;
  base: string;
  files: string;
}
export const EMPTY_ADD_MODEL: AddModelDraft = { id: '', name: '', context: '2048', base: '', files: DEFAULT_FILES };
export const ADD_MODEL_DRAFT_KEY = 'models.add';

/** A server that does not answer within this long is reported, not waited for without end. */
const SIZE_TIMEOUT_MS = 20_000;
const ID_HELP = '2–64 characters: lower-case letters, digits, dot, underscore or hyphen (. _ -), starting with a letter or digit';

/** A web page where a file was expected (a Hugging Face blob/tree page, a sign-in page). */
function refuseWebPage(response: Response, file: FileLine): void {
  if (/^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    throw new ValidationError(`${file.path}: this address is a web page, not a file (${file.url}): use the file's download address (on Hugging Face: …/resolve/main/…)`);
  }
}

/** The length a body of this response has as the download reads it, or undefined (compressed, or not given). */
function identityLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return undefined;
  const length = Number(response.headers.get('content-length') ?? NaN);
  return Number.isInteger(length) && length > 0 ? length : undefined;
}

const httpFailure = (file: FileLine, status: number) =>
  new Error(`${file.path}: the server answered ${status}${statusWords(status)} for ${file.url}`);

/**
 * A file's size as the download will see it, or undefined where the server gives none (the download then learns it as
 * it goes). A one-byte Range request first: browsers then ask for the file uncompressed, and the total in
 * Content-Range is the real length, where HEAD on a host that compresses reports the compressed one (every download
 * would then fail its size check). HEAD only where ranges are not answered. A web page is refused.
 */
async function sizeOf(file: FileLine): Promise<number | undefined> {
  const { url } = file;
  const probe = await fetch(url, { headers: { Range: 'bytes=0-0' }, cache: 'no-store', signal: AbortSignal.timeout(SIZE_TIMEOUT_MS) })
    .catch((error: unknown) => {
      throw new Error(`${url} did not answer${error instanceof DOMException && error.name === 'TimeoutError' ? ` within ${SIZE_TIMEOUT_MS / 1000} s` : ` (${error instanceof Error ? error.message : String(error)})`}`);
    });
  await probe.body?.cancel().catch(() => undefined);
  if (!probe.ok) throw httpFailure(file, probe.status);
  refuseWebPage(probe, file);
  const total = Number(/\/(\d+)$/.exec(probe.headers.get('content-range') ?? '')?.[1]);
  if (probe.status === 206 && total > 0) return total;
  const length = probe.status === 200 ? identityLength(probe) : undefined;
  if (length !== undefined) return length;
  const head = await fetch(url, { method: 'HEAD', cache: 'no-store', signal: AbortSignal.timeout(SIZE_TIMEOUT_MS) }).catch(() => undefined);
  if (!head) return undefined;
  if (!head.ok) throw httpFailure(file, head.status);
  refuseWebPage(head, file);
  return identityLength(head);
}

/** The schema's refusal in the form's words: which field or file, and what it must be. */
function schemaRefusal(error: v.ValiError<v.GenericSchema>, files: readonly FileLine[]): ValidationError {
  return new ValidationError(error.issues.map((issue) => {
    const keys = issue.path?.map((item) => (item as { key: unknown }).key) ?? [];
    if (keys[0] === 'id') return `the id must be ${ID_HELP}`;
    if (keys[0] === 'files' && typeof keys[1] === 'number') return `${files[keys[1]]?.path ?? `file ${keys[1] + 1}`}: ${issue.message}`;
    return issue.message;
  }).join('; '));
}

/**
 * Adds an ONNX model in the optimum/transformers.js layout by URL. Sizes come from the server (sizeOf); hashes, when
 * given, are checked while downloading. The model then appears in the table with a Download button.
 */
export function AddModelForm() {
  const [draft, setDraft] = useDraft<AddModelDraft>(ADD_MODEL_DRAFT_KEY, EMPTY_ADD_MODEL);
  // A form left half filled opens as it was left.
  const [startOpen] = useState(() => JSON.stringify(draft) !== JSON.stringify(EMPTY_ADD_MODEL));
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const edit = (field: keyof AddModelDraft) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    setDraft((current) => ({ ...current, [field]: value }));
  };

  async function submit(event: Event) {
    event.preventDefault();
    // Busy: the button stays focusable (aria-disabled), so a second press is ignored here.
    if (busy) return;
    const field = (name: keyof AddModelDraft) => draft[name].trim();
    setError(null);
    setAdded('');
    setNote('');
    setBusy('Checking files…');
    let files: FileLine[] = [];
    try {
      const source = parseModelSource(field('base'), draft.files);
      files = source.files;
      if (source.base?.note) setNote(source.base.note);
      const paths = files.map((file) => file.path);
      const mlc = mlcRefusal(paths);
      if (mlc) throw new ValidationError(mlc);
      // The same id again would quietly replace that model's definition (and what the form cannot say, such as its
      // role as a script writer): the user deletes it first, or picks another id. Checked before any network work.
      // (A quick local read: the click still counts as a gesture for the permission request below.)
      if (field('id') && await database().models.get(field('id'))) {
        throw new ValidationError(`A model with the id "${field('id')}" is already added. Remove it in the table first (its files and entry go), or choose another id.`);
      }
      // Name, context length and the files a model needs are checked before any network work too.
      v.parse(v.pick(CustomModelSchema, ['name', 'contextLength']), { name: field('name') || field('id') || ' ', contextLength: Number(field('context') || NaN) });
      try {
        customEntry({ id: field('id'), name: field('name') || field('id'), contextLength: Number(field('context')), files });
      } catch (refused) {
        throw new ValidationError((refused as Error).message);
      }
      // The whole definition but the sizes, before any permission request or Range request: files over plain http
      // without a sha256 were refused only after both (exploratory test, session 24).
      v.parse(NewCustomModelSchema, { id: field('id'), name: field('name') || field('id'), contextLength: Number(field('context')), files });
      // Servers without CORS need host access; asked for while the click still counts as a gesture.
      const origins = [...new Set(files.map((file) => `${new URL(file.url).origin}/*`))];
      setBusy('Asking for access…');
      if (!await requestHostPermissions(origins)) {
        const hosts = [...new Set(files.map((file) => new URL(file.url).host))].join(', ');
        throw new Error(`access to ${hosts} was not given (declined, or the browser did not ask), so the files cannot be read. Press Add model again and choose Allow when the browser asks.`);
      }
      setBusy('Checking files…');
      const sized = await Promise.all(files.map(async (line) => {
        const bytes = await sizeOf(line);
        return { ...line, ...(bytes === undefined ? {} : { bytes }) };
      }));
      const model = v.parse(NewCustomModelSchema, { id: field('id'), name: field('name') || field('id'), contextLength: Number(field('context')), files: sized });
      await request('models.register', { model });
      const unsized = sized.filter((file) => file.bytes === undefined).map((file) => file.path);
      setAdded(`Added “${model.name}”. Download it from the table.${unsized.length
        ? ` The server gives no size for ${unsized.join(', ')}: the size is unknown until the download ends, so it shows how much has arrived, without a total.`
        : ''}`);
      setDraft(EMPTY_ADD_MODEL);
    } catch (caught) {
      // The form's own check: shown as any refusal is ("Not accepted: …"), in the schema's words.
      setError(caught instanceof v.ValiError ? schemaRefusal(caught, files) : caught);
    } finally {
      setBusy(null);
    }
  }

  // A native check that blocks the submit (the id's pattern) leaves no earlier outcome on screen.
  const blocked = () => {
    setAdded('');
    setError(null);
  };

  return (
    <details class="add-model" open={startOpen}>
      <summary>Add a model by URL</summary>
      <form class="stack" onSubmit={(e) => void submit(e)} onInvalidCapture={blocked} aria-label="Add a model by URL">
        <label for="add-id">Id</label>
        <input id="add-id" name="id" required pattern="[a-z0-9][a-z0-9._\-]{1,63}" placeholder="my-model" title={ID_HELP}
          aria-describedby="add-id-help" value={draft.id} onInput={edit('id')} />
        <p id="add-id-help" class="muted hint">{ID_HELP[0]!.toUpperCase() + ID_HELP.slice(1)}.</p>
        <label for="add-name">Name</label>
        <input id="add-name" name="name" placeholder="My model" maxLength={100} value={draft.name} onInput={edit('name')} />
        <label for="add-context">Context length</label>
        <input id="add-context" name="context" type="number" min={16} value={draft.context} onInput={edit('context')} />
        <label for="add-base">Base URL</label>
        <input id="add-base" name="base" type="url" placeholder="https://huggingface.co/ORG/REPO/resolve/REVISION/"
          aria-describedby="add-base-help" value={draft.base} onInput={edit('base')} />
        <p id="add-base-help" class="muted hint">A folder of files, or a Hugging Face model page (taken as its resolve/main/ folder).</p>
        <label for="add-files">Files (path, optional URL, optional sha256 — one per line)</label>
        <textarea id="add-files" name="files" rows={5} value={draft.files} onInput={edit('files')} />
        <button type="submit" aria-disabled={busy !== null}>{busy ?? 'Add model'}</button>
        {note && <p class="muted hint" data-testid="add-model-note">{note}</p>}
        {added && <p role="status">{added}</p>}
        {error !== null && <ErrorNotice error={error} />}
      </form>
    </details>
  );
}
