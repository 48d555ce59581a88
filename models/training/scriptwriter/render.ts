/**
 * Turns a PageSpec into a live page (DOM + behaviour) and keeps the page's observable state, so a task can be
 * judged by what the page ended up as: forms submitted with which values, which item actions were pressed, what was
 * searched, the todo list, the toggles, the open tab.
 */
import type { BlockSpec, FieldSpec, FormSpec, ListSpec, PageSpec, SearchSpec, SettingsSpec, TodoSpec } from './spec.ts';

export interface PageState {
  submitted: Record<string, Record<string, string | boolean>>;
  /** Item actions pressed: `list1/<first field value>/<action label>`; chrome buttons: `chrome/<label>`. */
  pressed: string[];
  /** The location hash after chrome links were followed ('' when none was). */
  hash: string;
  searched: string[];
  todos: Array<{ title: string; done: boolean }>;
  toggles: Record<string, boolean>;
  tab: Record<string, string>;
}

export interface RenderedPage {
  state: PageState;
  /** Spec ids → elements (fields, buttons, list containers), for mapping document names back to the spec. */
  elements: Map<string, Element>;
  /** Current values of form fields by field id. */
  fieldValues(): Record<string, string | boolean>;
  /** Shows one settings tab (to read the document of that view). */
  showTab(settingsId: string, tabId: string): void;
}

type Builder = (tag: string, attrs?: Record<string, string>, ...children: Array<Node | string>) => HTMLElement;

export function renderPage(doc: Document, spec: PageSpec): RenderedPage {
  const h: Builder = (tag, attrs = {}, ...children) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.append(...children);
    return el;
  };
  const state: PageState = { submitted: {}, pressed: [], searched: [], todos: [], toggles: {}, tab: {}, hash: '' };
  const elements = new Map<string, Element>();
  const fieldReaders: Array<() => [string, string | boolean]> = [];
  const tabShowers = new Map<string, (tabId: string) => void>();

  const pageSpecOf = spec;
  doc.title = spec.title;
  doc.body.replaceChildren();
  const main = h('main');
  const header = h('header', {}, h('h1', {}, spec.title));
  doc.body.append(header, main);
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const link = (text: string, id: string) => {
    const a = h('a', { href: `#${slug(text)}` }, text);
    a.addEventListener('click', (event) => {
      event.preventDefault();
      state.hash = slug(text);
    });
    elements.set(id, a);
    return a;
  };
  const around = spec.chrome;
  if (around?.nav) {
    header.append(h('nav', { 'aria-label': around.nav.label }, h('ul', {}, ...around.nav.links.map((text, i) => h('li', {}, link(text, `nav_${i}`))))));
    if (spec.extras?.currentLink) elements.get('nav_0')?.setAttribute('aria-current', 'page');
  }
  if (spec.extras?.disabledButton) main.append(h('button', { type: 'button', disabled: '' }, spec.extras.disabledButton));
  if (around?.toolbar) {
    header.append(...around.toolbar.map((label, i) => {
      const button = h('button', { type: 'button' }, label);
      button.addEventListener('click', () => state.pressed.push(`chrome/${label}`));
      elements.set(`tool_${i}`, button);
      return button;
    }));
  }
  if (around?.footer) doc.body.append(h('footer', {}, ...around.footer.flatMap((text, i) => [link(text, `foot_${i}`), ' '])));

  function field(f: FieldSpec, form: FormSpec): HTMLElement {
    const id = `${f.id}_input`;
    let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (f.type === 'select') {
      const select = h('select', { name: f.id }) as HTMLSelectElement;
      select.append(h('option', { value: '' }, '—'), ...f.options.map((o) => h('option', { value: o }, o)));
      control = select;
    } else if (f.type === 'textarea') {
      control = h('textarea', { name: f.id, rows: '3' }) as HTMLTextAreaElement;
    } else {
      control = h('input', { name: f.id, type: f.type === 'checkbox' ? 'checkbox' : f.inputType, autocomplete: 'off' }) as HTMLInputElement;
    }
    elements.set(f.id, control);
    fieldReaders.push(() => [f.id, control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value]);
    const style = f.type === 'checkbox' && form.labelStyle === 'placeholder' ? 'wrap'
      : f.type === 'select' && form.labelStyle === 'placeholder' ? 'aria' : form.labelStyle;
    switch (style) {
      case 'for':
        control.id = id;
        return h('div', { class: 'row' }, h('label', { for: id }, f.label), control);
      case 'wrap':
        return h('div', { class: 'row' }, h('label', {}, f.type === 'checkbox' ? control : f.label, ' ', f.type === 'checkbox' ? f.label : control));
      case 'aria':
        control.setAttribute('aria-label', f.label);
        return h('div', { class: 'row' }, control);
      case 'placeholder':
        control.setAttribute('placeholder', f.label);
        return h('div', { class: 'row' }, control);
    }
  }

  function form(spec: FormSpec): HTMLElement {
    const rows = spec.fields.map((f) => field(f, spec));
    const submit = h('button', { type: spec.container === 'section' ? 'button' : 'submit' }, spec.submit);
    elements.set(`${spec.id}_submit`, submit);
    const collect = () => {
      state.submitted[spec.id] = Object.fromEntries(fieldReaders.map((read) => read()).filter(([id]) => id.startsWith(`${spec.id}_`)));
    };
    let root: HTMLElement;
    if (spec.container === 'section') {
      const headingId = `${spec.id}_heading`;
      root = h('section', { 'aria-labelledby': headingId }, h('h2', { id: headingId }, spec.title), ...rows, submit);
      submit.addEventListener('click', collect);
    } else {
      const body = spec.container === 'fieldset' ? [h('fieldset', {}, h('legend', {}, spec.title), ...rows, submit)] : [h('h2', {}, spec.title), ...rows, submit];
      root = h('form', { 'aria-label': spec.title }, ...body);
      root.addEventListener('submit', (event) => { event.preventDefault(); collect(); });
    }
    return root;
  }

  function list(spec: ListSpec, visible: (item: Record<string, string>) => boolean = () => true): { root: HTMLElement; refresh(): void } {
    const cls = (key: string) => `${spec.classPrefix}${key}`;
    const primary = spec.fields[0]!.key;
    const buttons = (item: Record<string, string>) => [
      ...(spec.layout === 'ul' && pageSpecOf.extras?.selectable ? [h('input', { type: 'checkbox', 'aria-label': `Select ${item[primary]}` })] : []),
      ...spec.actions.map((action) => {
        const button = h('button', { type: 'button' }, action);
        button.addEventListener('click', () => state.pressed.push(`${spec.id}/${item[primary]}/${action}`));
        return button;
      }),
    ];
    let container: HTMLElement;
    let root: HTMLElement;
    const row = (item: Record<string, string>): HTMLElement => {
      switch (spec.layout) {
        case 'ul': return h('li', {}, ...spec.fields.flatMap((f) => [h('span', { class: cls(f.key) }, item[f.key]!), ' ']), ...buttons(item));
        case 'table': return h('tr', {}, ...spec.fields.map((f) => h('td', { class: cls(f.key) }, item[f.key]!)), h('td', {}, ...buttons(item)));
        case 'cards': return h('article', { class: 'card' }, h('h3', { class: cls(primary) }, item[primary]!),
          ...spec.fields.slice(1).map((f) => h('p', {}, `${f.label}: `, h('span', { class: cls(f.key) }, item[f.key]!))), ...buttons(item));
      }
    };
    if (spec.layout === 'table') {
      container = h('tbody');
      root = h('table', {}, h('caption', {}, spec.title), h('thead', {}, h('tr', {}, ...spec.fields.map((f) => h('th', {}, f.label)), h('th', {}, 'Actions'))), container);
    } else if (spec.layout === 'ul') {
      container = h('ul', { 'aria-label': spec.title });
      root = h('section', {}, h('h2', {}, spec.title), container);
    } else {
      container = h('div', { class: 'grid', 'aria-label': spec.title });
      root = h('section', {}, h('h2', {}, spec.title), container);
    }
    elements.set(spec.id, container);
    const refresh = () => container.replaceChildren(...spec.items.filter(visible).map(row));
    refresh();
    return { root, refresh };
  }

  function search(spec: SearchSpec): HTMLElement {
    let query = '';
    const results = list(spec.list, (item) => !query || Object.values(item).some((v) => v.toLowerCase().includes(query.toLowerCase())));
    const input = h('input', { type: 'search', placeholder: spec.placeholder, 'aria-label': pageSpecOf.extras?.searchLabel ?? spec.placeholder }) as HTMLInputElement;
    const button = h('button', { type: 'submit' }, spec.button);
    elements.set(`${spec.id}_input`, input);
    elements.set(`${spec.id}_button`, button);
    const box = h('form', { role: 'search' }, input, button);
    box.addEventListener('submit', (event) => {
      event.preventDefault();
      query = input.value.trim();
      state.searched.push(query);
      results.refresh();
    });
    return h('div', {}, box, results.root);
  }

  function todo(spec: TodoSpec): HTMLElement {
    state.todos = spec.items.map((t) => ({ ...t }));
    const ul = h('ul', { 'aria-label': spec.title });
    const input = h('input', { id: `${spec.id}_new`, autocomplete: 'off' }) as HTMLInputElement;
    const add = h('button', { type: 'button' }, spec.addLabel);
    elements.set(`${spec.id}_input`, input);
    elements.set(`${spec.id}_add`, add);
    elements.set(spec.id, ul);
    const draw = () => ul.replaceChildren(...state.todos.map((t, i) => {
      const box = h('input', { type: 'checkbox', 'aria-label': `Done: ${t.title}` }) as HTMLInputElement;
      box.checked = t.done;
      box.addEventListener('change', () => { state.todos[i]!.done = box.checked; });
      const remove = h('button', { type: 'button' }, 'Remove');
      remove.addEventListener('click', () => { state.todos.splice(i, 1); draw(); });
      return h('li', {}, box, ' ', h('span', { class: 'title' }, t.title), ' ', remove);
    }));
    add.addEventListener('click', () => {
      if (input.value.trim()) state.todos.push({ title: input.value.trim(), done: false });
      input.value = '';
      draw();
    });
    draw();
    return h('section', {}, h('h2', {}, spec.title), h('div', {}, h('label', { for: input.id }, spec.inputLabel), input, add), ul);
  }

  function settings(spec: SettingsSpec): HTMLElement {
    const tablist = h('div', { role: 'tablist', 'aria-label': spec.title });
    const panels: HTMLElement[] = [];
    const show = (tabId: string) => {
      state.tab[spec.id] = tabId;
      spec.tabs.forEach((tab, i) => {
        const selected = tab.id === tabId;
        tablist.children[i]!.setAttribute('aria-selected', String(selected));
        panels[i]!.hidden = !selected;
      });
    };
    for (const tab of spec.tabs) {
      const button = h('button', { role: 'tab', type: 'button', id: `${tab.id}_tab` }, tab.name);
      button.addEventListener('click', () => show(tab.id));
      elements.set(`${tab.id}_tab`, button);
      tablist.append(button);
      const panel = h('div', { role: 'tabpanel', 'aria-labelledby': `${tab.id}_tab` }, h('h2', {}, tab.name));
      for (const toggle of tab.toggles) {
        state.toggles[toggle.id] = toggle.on;
        const box = h('input', { type: 'checkbox' }) as HTMLInputElement;
        box.checked = toggle.on;
        box.addEventListener('change', () => { state.toggles[toggle.id] = box.checked; });
        elements.set(toggle.id, box);
        panel.append(h('div', {}, h('label', {}, box, ' ', toggle.label)));
      }
      panels.push(panel);
    }
    tabShowers.set(spec.id, show);
    const root = h('section', {}, h('h2', {}, spec.title), tablist, ...panels);
    show(spec.tabs[0]!.id);
    return root;
  }

  const block = (b: BlockSpec): HTMLElement => {
    switch (b.kind) {
      case 'form': return form(b);
      case 'list': return list(b).root;
      case 'search': return search(b);
      case 'todo': return todo(b);
      case 'settings': return settings(b);
    }
  };
  for (const b of spec.blocks) {
    const title = b.kind === 'search' ? b.list.title : b.title;
    main.append(spec.extras?.regions && b.kind !== 'form' ? h('section', { 'aria-label': `${title} area` }, block(b)) : block(b));
  }

  return {
    state, elements,
    fieldValues: () => Object.fromEntries(fieldReaders.map((read) => read())),
    showTab: (settingsId, tabId) => tabShowers.get(settingsId)?.(tabId),
  };
}
