// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { Tabs } from '../../extension/ui/Tabs.tsx';

const tabs = [{ id: 'a', label: 'Alpha' }, { id: 'b', label: 'Beta' }, { id: 'c', label: 'Gamma' }];

function Harness() {
  const [selected, setSelected] = useState('a');
  return <Tabs label="Sections" tabs={tabs} selected={selected} onSelect={setSelected}><p>panel {selected}</p></Tabs>;
}

function mount() {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => render(<Harness />, root));
  return root;
}
const key = (root: HTMLElement, k: string) =>
  act(() => void root.querySelector('[role=tablist]')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
const selectedLabel = (root: HTMLElement) => root.querySelector('[aria-selected=true]')?.textContent;

describe('Tabs', () => {
  test('ARIA roles link tabs and the panel; only the selected tab is focusable', () => {
    const root = mount();
    const tabEls = [...root.querySelectorAll('[role=tab]')];
    expect(tabEls.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1']);
    const panel = root.querySelector('[role=tabpanel]')!;
    expect(panel.getAttribute('aria-labelledby')).toBe('tab-a');
    expect(tabEls[0]!.getAttribute('aria-controls')).toBe(panel.id);
  });

  test('arrow keys wrap, Home and End jump, focus follows', () => {
    const root = mount();
    key(root, 'ArrowRight');
    expect(selectedLabel(root)).toBe('Beta');
    expect(document.activeElement?.textContent).toBe('Beta');
    key(root, 'End');
    expect(selectedLabel(root)).toBe('Gamma');
    key(root, 'ArrowRight');
    expect(selectedLabel(root)).toBe('Alpha');
    key(root, 'ArrowLeft');
    expect(selectedLabel(root)).toBe('Gamma');
    key(root, 'Home');
    expect(selectedLabel(root)).toBe('Alpha');
    expect(root.querySelector('[role=tabpanel]')?.textContent).toBe('panel a');
  });

  test('other keys do nothing', () => {
    const root = mount();
    key(root, 'x');
    expect(selectedLabel(root)).toBe('Alpha');
  });
});
