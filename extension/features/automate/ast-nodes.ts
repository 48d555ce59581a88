/** Acorn's tree read generically, for the checks that read a script as written (not run it): its secrets and holes. */

/** A node of any kind: its type, its place in the source, and the fields its kind has. */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export const isAstNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';

/** The nodes directly under `node`, field by field (its `loc`, when the parse kept one, is no node). */
export function childrenOf(node: AstNode): AstNode[] {
  const children: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value)) { for (const item of value) if (isAstNode(item)) children.push(item); }
    else if (isAstNode(value)) children.push(value);
  }
  return children;
}
