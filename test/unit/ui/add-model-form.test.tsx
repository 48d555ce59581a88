// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';

vi.mock('../../../extension/platform/index.ts', () => ({
  request: vi.fn(async () => ({})),
  requestHostPermissions: vi.fn(async () => true),
}));
import { AddModelForm } from '../../../extension/features/models/AddModelForm.tsx';
import { request, requestHostPermissions } from '../../../extension/platform/index.ts';
import { database } from '../../../extension/storage/db.ts';

function set(root: HTMLElement, id: string, value: string) {
  const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
  act(() => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

let bump: () => void = () => undefined;
function Parent() {
  const [n, setN] = useState(0);
  bump = () => setN((x) => x + 1);
  return <div data-n={n}><AddModelForm /></div>;
}

describe('AddModelForm', () => {
  test('typed file list survives a parent re-render (e.g. a download progress tick)', async () => {
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    act(() => render(<Parent />, root));
    const files = root.querySelector<HTMLTextAreaElement>('#add-files')!;
    const context = root.querySelector<HTMLInputElement>('#add-context')!;
    files.value = 'model.onnx\ntokenizer.json';
    files.dispatchEvent(new Event('input', { bubbles: true }));
    context.value = '512';
    context.dispatchEvent(new Event('input', { bubbles: true }));
    act(() => bump());
    expect({ files: files.value, context: context.value }).toEqual({ files: 'model.onnx\ntokenizer.json', context: '512' });
  });

  test('an id that is already added is not silently replaced (review, session 13)', async () => {
    await database().models.put({ id: 'my-writer', state: 'complete', bytes: 10, updatedAt: 1, custom: { id: 'my-writer', role: 'scriptwriter' } } as never);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('x', { status: 206, headers: { 'content-range': 'bytes 0-0/100' } })));
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    act(() => render(<AddModelForm />, root));
    // Controlled fields (kept as a draft, session 22): typed as a user types, with input events.
    set(root, 'add-id', 'my-writer');
    set(root, 'add-base', 'https://example.com/repo/');
    set(root, 'add-files', 'model.onnx\ntokenizer.json');
    await act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(root.textContent).toMatch(/already added/);
    expect(vi.mocked(request).mock.calls.filter(([kind]) => kind === 'models.register')).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});

/** Fills the form as a user does and presses Add model; what the form says then. */
async function submitForm(fields: Record<string, string>, fetchStub?: typeof fetch) {
  vi.mocked(request).mockClear();
  if (fetchStub) vi.stubGlobal('fetch', vi.fn(fetchStub));
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => render(<AddModelForm />, root));
  for (const [id, value] of Object.entries(fields)) set(root, id, value);
  await act(async () => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  vi.unstubAllGlobals();
  const alert = root.querySelector('[role=alert]');
  return {
    alert: alert?.textContent ?? '', name: alert?.getAttribute('data-error-name'),
    status: root.querySelector('[role=status]')?.textContent ?? '',
    registered: vi.mocked(request).mock.calls.filter(([kind]) => kind === 'models.register').map(([, payload]) => payload as { model: { files: { path: string; bytes?: number }[] } }),
  };
}
const FILES = 'onnx/model.onnx\ntokenizer.json\ntokenizer_config.json\nconfig.json';

describe('AddModelForm refusals say what is wrong and what to do (exploratory test, session 22)', () => {
  test('its own checks are "Not accepted" (a ValidationError), naming the line', async () => {
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': 'https://example.com/m/', 'add-files': 'config.json\nonnx\\model.onnx' });
    expect(out.name).toBe('ValidationError');
    expect(out.alert).toMatch(/^Not accepted: line 2: "onnx\\model\.onnx" is not a relative path/);
  });

  test.each(['javascript:alert(1)', 'chrome://settings/', 'file:///etc/'])('%s: only http(s), before any permission request or fetch', async (base) => {
    const fetchSpy = vi.fn(async () => new Response('x'));
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': base, 'add-files': FILES }, fetchSpy as never);
    expect(out.alert).toMatch(/^Not accepted: the base URL is a [a-z]+: address: only http\(s\) addresses/);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(vi.mocked(requestHostPermissions)).not.toHaveBeenCalledWith(expect.arrayContaining([expect.stringMatching(/^(chrome|file|javascript)/)]));
  });

  test('an HTML page where a file was expected is refused with what to use instead', async () => {
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': 'https://example.com/m/', 'add-files': FILES },
      (async () => new Response('<html></html>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': '13' } })) as never);
    expect(out.alert).toMatch(/^Not accepted: [\w/.]+: this address is a web page, not a file \(https:\/\/example\.com\/m\/[\w/.]+\): use the file's download address \(on Hugging Face: …\/resolve\/main\/…\)/);
    expect(out.registered).toHaveLength(0);
  });

  test('an HTTP error says what the status means', async () => {
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': 'https://example.com/m/', 'add-files': FILES },
      (async () => new Response('', { status: 401 })) as never);
    expect(out.alert).toMatch(/the server answered 401 \(not allowed: the file may need a sign-in or an access token, or the address is wrong\)/);
  });

  test('a server that gives no size: added, and the form says the size is unknown', async () => {
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': 'https://example.com/m/', 'add-files': FILES },
      (async () => new Response('{}', { status: 200 })) as never);
    expect(out.alert).toBe('');
    expect(out.registered[0]!.model.files.every((file) => file.bytes === undefined)).toBe(true);
    expect(out.status).toMatch(/Added “a-model”.*The server gives no size for onnx\/model\.onnx, .*the size is unknown until the download ends/);
  });

  test('an MLC repository is refused before any network work, saying why', async () => {
    const fetchSpy = vi.fn(async () => new Response('x'));
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': 'https://huggingface.co/mlc-ai/x-MLC', 'add-files': 'mlc-chat-config.json\nndarray-cache.json\nparams_shard_0.bin\ntokenizer.json' }, fetchSpy as never);
    expect(out.alert).toMatch(/^Not accepted: this is an MLC \(web-llm\) model: those cannot be added by URL/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  test('plain http from another machine without a sha256: refused before any permission request or fetch (exploratory test, session 24)', async () => {
    vi.mocked(requestHostPermissions).mockClear();
    const fetchSpy = vi.fn(async () => new Response('x', { status: 206, headers: { 'content-range': 'bytes 0-0/100' } }));
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': 'http://models.example.com/m/', 'add-files': FILES }, fetchSpy as never);
    expect(out.alert).toMatch(/^Not accepted: model files must come over https, from this machine, or with a sha256 each/);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(vi.mocked(requestHostPermissions)).not.toHaveBeenCalled();
  });

  test('access the user declines is said plainly, and nothing is fetched', async () => {
    vi.mocked(requestHostPermissions).mockResolvedValueOnce(false);
    const fetchSpy = vi.fn(async () => new Response('x'));
    const out = await submitForm({ 'add-id': 'a-model', 'add-base': 'https://example.com/m/', 'add-files': FILES }, fetchSpy as never);
    expect(out.alert).toMatch(/access to example\.com was not given \(declined, or the browser did not ask\).*choose Allow/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
