import { ActionError, NavigationError, NotFoundError } from '../../protocol/errors.ts';
import type { ExportedValue } from '../interpreter/values.ts';
import { type Bridge, type BridgeCall, describeTarget, type ScriptName } from './bridge.ts';

/**
 * An in-memory page for tests and demos of the interpreter without a content script: named elements with state,
 * lists of items with fields, a current path, and canned answers for ask(). It behaves like the executor is meant to:
 * a disabled or hidden element is an ActionError, an unknown name or list index is a NotFoundError.
 */
export interface FakeElement {
  kind: string;
  text?: string;
  value?: string;
  checked?: boolean;
  disabled?: boolean;
  hidden?: boolean;
  options?: string[];
  /** Clicking it navigates here (pressing Enter in it, for a field). */
  navigatesTo?: string;
}

export interface FakePage {
  elements?: Record<string, FakeElement>;
  lists?: Record<string, Array<Record<string, string>>>;
  answers?: string[];
  path?: string;
  /** Paths navigate() may reach; any other is a NavigationError (all paths when absent). */
  paths?: string[];
  /** Per-call delay, to test time budgets. */
  delayMs?: number;
  /** Items each `$list.scroll()` brings, batch by batch (an infinite feed); none left: the end of the feed. */
  more?: Record<string, Array<Array<Record<string, string>>>>;
}

const TYPABLE = new Set(['text_input', 'textarea', 'search', 'email', 'password', 'number']);

export class FakeBridge implements Bridge {
  readonly calls: BridgeCall[] = [];
  readonly said: string[] = [];
  readonly elements: Record<string, FakeElement>;
  readonly lists: Record<string, Array<Record<string, string>>>;
  path: string;
  private readonly answers: string[];
  private readonly more: NonNullable<FakePage['more']>;

  constructor(private readonly page: FakePage = {}) {
    this.elements = structuredClone(page.elements ?? {});
    this.lists = structuredClone(page.lists ?? {});
    this.more = structuredClone(page.more ?? {});
    this.answers = [...(page.answers ?? [])];
    this.path = page.path ?? '/';
  }

  /** The names a page document would list for this page. */
  names(): ScriptName[] {
    return [
      ...Object.entries(this.elements).map(([name, element]) => ({ name, kind: element.kind })),
      ...Object.entries(this.lists).map(([name, items]) => ({ name, kind: 'list', fields: Object.keys(items[0] ?? {}) })),
    ];
  }

  async call(request: BridgeCall): Promise<ExportedValue> {
    // The names of the page now (asked for a `$name` the run did not start with): not a page action, not recorded.
    if (request.call === 'names') return this.names() as unknown as ExportedValue;
    // A wait() about to begin: nothing on the page, not recorded (the real bridge forgets texts it read in one go).
    if (request.call === 'wait') return null;
    this.calls.push(structuredClone(request));
    if (this.page.delayMs) await new Promise((resolve) => setTimeout(resolve, this.page.delayMs));
    const { call, target, args } = request;
    switch (call) {
      case 'navigate':
        if (this.page.paths && !this.page.paths.includes(String(args[0]))) {
          throw new NavigationError(`no page at ${String(args[0])} on this site`, { path: String(args[0]) });
        }
        this.path = String(args[0]);
        return null;
      case 'ask':
        return this.answers.shift() ?? '';
      case 'say':
        this.said.push(String(args[0]));
        return null;
    }
    if (!target) throw new ActionError(`${call} needs a target`);
    if (target.index !== undefined || call === 'count' || call === 'find' || this.lists[target.name]) return this.listCall(request);
    const element = this.elements[target.name];
    if (!element) throw new NotFoundError(`no element ${describeTarget(target)} on this page`, { name: target.name });
    switch (call) {
      case 'exists':
        return !element.hidden;
      case 'waitFor':
        return !element.hidden;
      case 'text':
        return element.text ?? element.value ?? '';
      case 'value':
        return element.kind === 'checkbox' ? Boolean(element.checked) : element.value ?? '';
    }
    if (element.hidden) throw new ActionError(`${describeTarget(target)} is hidden`, { name: target.name });
    if (element.disabled) throw new ActionError(`${describeTarget(target)} is disabled`, { name: target.name });
    switch (call) {
      case 'click':
        if (element.navigatesTo) this.path = element.navigatesTo;
        if (element.kind === 'checkbox') element.checked = !element.checked;
        return null;
      case 'type':
        if (!TYPABLE.has(element.kind)) throw new ActionError(`${describeTarget(target)} is a ${element.kind}, not a text field`);
        element.value = String(args[0]);
        return null;
      case 'press':
        if (!TYPABLE.has(element.kind)) throw new ActionError(`${describeTarget(target)} is a ${element.kind}, not a text field`);
        if (args[0] === 'Enter' && element.navigatesTo) this.path = element.navigatesTo;
        return null;
      case 'select':
        if (!element.options?.includes(String(args[0]))) {
          throw new ActionError(`${describeTarget(target)} has no option "${String(args[0])}" (options: ${(element.options ?? []).join(', ')})`);
        }
        element.value = String(args[0]);
        return element.value;
      case 'check':
      case 'uncheck':
        if (element.kind !== 'checkbox') throw new ActionError(`${describeTarget(target)} is not a checkbox`);
        element.checked = call === 'check';
        return null;
      default:
        return null;
    }
  }

  private listCall({ call, target, args }: BridgeCall): ExportedValue {
    const items = this.lists[target!.name];
    if (!items) throw new NotFoundError(`no list $${target!.name} on this page`, { name: target!.name });
    if (call === 'count') return items.length;
    if (call === 'find') {
      const needle = String(args[0]).toLowerCase();
      return items.findIndex((item) => Object.values(item).some((text) => text.toLowerCase().includes(needle)));
    }
    if (call === 'scroll' && target!.index === undefined) {
      items.push(...(this.more[target!.name]?.shift() ?? []));
      return items.length;
    }
    if (target!.index === undefined) return call === 'exists' || call === 'waitFor' ? items.length > 0 : null;
    const item = items[target!.index];
    if (!item) {
      throw new NotFoundError(`${describeTarget(target!)}: the list has ${items.length} items`, { name: target!.name, index: target!.index });
    }
    if (call === 'exists' || call === 'waitFor') return true;
    if (target!.field !== undefined) {
      const text = item[target!.field];
      if (text === undefined) throw new NotFoundError(`${describeTarget(target!)}: no such field`);
      return call === 'text' || call === 'value' ? text : null;
    }
    if (call === 'text') return Object.values(item).join(' ');
    if (call === 'click') item.opened = 'yes';
    return null;
  }
}
