import { accessibleName, styleOf } from '../document/dom.ts';

/**
 * What an option of a page-drawn list is called: its accessible name, and its first line ("Admin" of an option that
 * shows "Admin" over "Can manage members and billing"), which is what a picker shows of it once chosen.
 */

const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BR', 'SECTION', 'HEADER', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR']);
const UNREAD_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'SVG', 'svg']);
const MAX_CHARS = 2000;

function isBlock(el: Element): boolean {
  if (BLOCK_TAGS.has(el.tagName.toUpperCase())) return true;
  const display = styleOf(el)?.display ?? '';
  return /^(block|flex|grid|list-item|table)/.test(display);
}

/** The option's lines of text: a block element (a div, a paragraph) starts a line, as it is drawn. */
export function linesOf(option: Element): string[] {
  const lines = [''];
  let length = 0;
  const walk = (node: Node) => {
    for (let child = node.firstChild; child && length < MAX_CHARS; child = child.nextSibling) {
      if (child.nodeType === 3) {
        lines[lines.length - 1] += child.nodeValue ?? '';
        length += child.nodeValue?.length ?? 0;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (UNREAD_TAGS.has(el.tagName) || el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) continue;
      const block = isBlock(el);
      if (block) lines.push('');
      walk(el);
      if (block) lines.push('');
    }
  };
  walk(option);
  return lines.map(norm).filter(Boolean);
}

/** The option's name (block texts joined with spaces, or its aria-label) and its first line. */
export function optionLabel(option: Element): { name: string; line: string } {
  const named = option.hasAttribute('aria-label') || option.hasAttribute('aria-labelledby') ? norm(accessibleName(option)) : '';
  if (named) return { name: named, line: named };
  const lines = linesOf(option);
  return { name: lines.join(' '), line: lines[0] ?? '' };
}
