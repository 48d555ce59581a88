// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';

vi.mock('../../../extension/platform/index.ts', () => ({
  request: vi.fn(async () => ({})),
  requestHostPermissions: vi.fn(async () => true),
}));
import { AddModelForm } from '../../../extension/features/models/AddModelForm.tsx';

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
});
