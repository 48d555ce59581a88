// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useForgetGonePick } from '../../../extension/features/models/forget-gone-pick.ts';

let forgotten = 0;
function Harness({ loaded, ids, picked, model }: { loaded: boolean; ids: string[]; picked: boolean; model: string }) {
  useForgetGonePick(loaded, ids.map((id) => ({ id })), picked, model, () => { forgotten++; });
  return null;
}

test('a picked model that was deleted gives way to the default, but not while the stored models are still being read', () => {
  const root = document.createElement('div');
  forgotten = 0;
  act(() => render(<Harness loaded={false} ids={['tinystories-656k']} picked model="my-model" />, root));
  expect(forgotten).toBe(0);
  act(() => render(<Harness loaded ids={['tinystories-656k', 'my-model']} picked model="my-model" />, root));
  expect(forgotten).toBe(0);
  act(() => render(<Harness loaded ids={['tinystories-656k']} picked model="my-model" />, root));
  expect(forgotten).toBe(1);
  act(() => render(null, root));
});
