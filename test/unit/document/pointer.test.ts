// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { pointerSelectors, type SheetCache } from '../../../extension/content/document/pointer.ts';

const styleRule = (selectorText: string, cursor: string, cssRules?: unknown[]) => ({
  selectorText, style: { getPropertyValue: (name: string) => (name === 'cursor' ? cursor : '') }, ...(cssRules ? { cssRules } : {}),
});

describe('pointer rules', () => {
  test('selectors of rules setting cursor: pointer, inside @media and nested rules; unreadable sheets make the root opaque', () => {
    const sheet = { cssRules: [
      styleRule('.card', 'pointer'), styleRule('.plain', 'default'),
      { cssRules: [styleRule('.menu > li', 'pointer')] }, // @media
      styleRule('.tile', '', [styleRule('& .title', 'pointer'), styleRule('.icon', 'pointer')]), // nesting
      styleRule('a:::bad', 'pointer'), // does not parse: left out
    ] };
    const root = { nodeType: 9, styleSheets: [sheet], createDocumentFragment: () => document.createDocumentFragment() } as unknown as Document;
    expect(pointerSelectors(root)).toEqual({ selectors: ['.card', '.menu > li', ':is(.tile) .title', ':is(.tile) .icon'], hover: [], reveal: [], opaque: false });
    const unreadable = { get cssRules(): never { throw new DOMException('no', 'SecurityError'); } };
    const mixed = { nodeType: 9, styleSheets: [sheet, unreadable], createDocumentFragment: () => document.createDocumentFragment() } as unknown as Document;
    expect(pointerSelectors(mixed).opaque).toBe(true);
  });

  test('hover-only pointer rules name the elements at rest; a bare :hover names nothing', () => {
    const sheet = { cssRules: [
      styleRule('.row:hover', 'pointer'), styleRule('.card:hover .title', 'pointer'), styleRule(':hover', 'pointer'),
      styleRule('.menu :hover', 'pointer'), styleRule('.plain:hover', 'default'),
    ] };
    const root = { nodeType: 9, styleSheets: [sheet], createDocumentFragment: () => document.createDocumentFragment() } as unknown as Document;
    expect(pointerSelectors(root)).toEqual({ selectors: [], hover: ['.row', '.card .title'], reveal: [], opaque: false });
  });

  test('rules that show what is under or beside a pointed element name it at rest; one hiding it, or showing the pointed element itself, name nothing', () => {
    const shows = (selectorText: string, display: string, visibility = '', cssRules?: unknown[]) => ({
      selectorText, style: { getPropertyValue: (name: string) => (name === 'display' ? display : name === 'visibility' ? visibility : '') }, ...(cssRules ? { cssRules } : {}),
    });
    const sheet = { cssRules: [
      shows('.row:hover .actions', 'flex'), shows('tr.zA:hover .bqY', '', 'visible'), shows('nav li:hover > ul, nav li:focus-within > ul', 'block'),
      shows('.row:hover .date', 'none'), // hides on pointing
      shows('.tip:hover', 'block'), // the pointed element itself: hidden, it cannot be pointed at
      shows('.card:hover.wide .more', 'block'), shows('.plain .x', 'block'),
      shows('.item', '', '', [shows('&:hover .menu', 'block')]), // nested
      shows('.a:hover::after', 'block'),
    ] };
    const root = { nodeType: 9, styleSheets: [sheet], createDocumentFragment: () => document.createDocumentFragment() } as unknown as Document;
    expect(pointerSelectors(root).reveal).toEqual(['.row .actions', 'tr.zA .bqY', 'nav li > ul', '.card.wide .more', ':is(.item) .menu']);
  });

  test('declarations nested in a rule (after rules, inside @media) count for that rule; @scope roots its rules; var() is checked', () => {
    const nested = (cursor: string) => ({ style: { getPropertyValue: (name: string) => (name === 'cursor' ? cursor : '') } });
    const sheet = { cssRules: [
      styleRule('.a', '', [{ cssRules: [nested('pointer')] }]), // .a { @media (…) { cursor: pointer } }
      styleRule('.b', '', [styleRule('.x', 'default'), nested('pointer')]), // .b { .x {} cursor: pointer }
      { start: '.card', cssRules: [styleRule(':scope', 'pointer'), styleRule('.more', 'pointer')] }, // @scope (.card)
      styleRule('.v', 'var(--cursor, pointer)'),
    ] };
    const root = { nodeType: 9, styleSheets: [sheet], createDocumentFragment: () => document.createDocumentFragment() } as unknown as Document;
    expect(pointerSelectors(root).selectors).toEqual(['.a', '.b', ':is(.card)', ':is(.card) .more', '.v']);
  });

  test('a sheet adopted by many shadow roots is read once per page read', () => {
    let reads = 0;
    const shared = { get cssRules() { reads++; return [styleRule(':host', 'pointer'), styleRule('.x', 'pointer')]; } };
    const cache: SheetCache = new WeakMap();
    for (let i = 0; i < 50; i++) {
      const root = { nodeType: 11, styleSheets: [], adoptedStyleSheets: [shared], ownerDocument: document } as unknown as ShadowRoot;
      expect(pointerSelectors(root, cache).selectors).toEqual([':host', '.x']);
    }
    expect(reads).toBe(1);
  });
});
