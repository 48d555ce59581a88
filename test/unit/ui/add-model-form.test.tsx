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
import { request } from '../../../extension/platform/index.ts';
import { database } from '../../../extension/storage/db.ts';

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
    const set = (id: string, value: string) => { root.querySelector<HTMLInputElement>(`#${id}`)!.value = value; };
    set('add-id', 'my-writer');
    set('add-base', 'https://example.com/repo/');
    root.querySelector<HTMLTextAreaElement>('#add-files')!.value = 'model.onnx\ntokenizer.json';
    await act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(root.textContent).toMatch(/already added/);
    expect(vi.mocked(request).mock.calls.filter(([kind]) => kind === 'models.register')).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});
