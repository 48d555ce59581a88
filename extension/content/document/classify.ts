/** What an element is to a script: its kind, state, options, effect and whether its value is private. */
import { groupsTellApart, withGroup } from './option-groups.ts';
import type { ElementEntry, ElementKind } from './types.ts';
import { accessibleName, byId, hideSecrets, HTML_NS, labelsOf, styleOf, tagOf, textOf } from './dom.ts';
import { collapse, readableToken, truncate } from './text.ts';
import { calendarOf } from './calendar.ts';
import { choiceBeside, choiceShown, foldingListbox, picksBeside, showsChoice, triggerParts } from './choice-shown.ts';
import { getSubmissionReads, type SentField } from '../executor/irreversible.ts';
import { attr, checkVisibilityOf, childElementCountOf, childrenOf, closestOf, hasAttr, idOf, matchesOf, namespaceOf, nextElementOf, ownerDocOf, parentOf, previousElementOf, queryAllOf, queryOf, rootNodeOf, tagNameOf } from './dom-safe.ts';

const ROLE_KINDS: Record<string, ElementKind> = {
  button: 'button', link: 'link', tab: 'tab', menuitem: 'menuitem', menuitemcheckbox: 'checkbox',
  menuitemradio: 'radio', checkbox: 'checkbox', radio: 'radio', switch: 'switch', combobox: 'combobox',
  option: 'option', textbox: 'text_input', searchbox: 'text_input', slider: 'slider', spinbutton: 'text_input',
  treeitem: 'option', gridcell: 'clickable',
};

/** Per grid, whether it has column headers, and when that was looked at (a page may add them later). */
const headedGrids = new WeakMap<Element, { at: number; headed: boolean }>();

/**
 * A cell of a grid with column headers: data, read as the grid's columns (data-tables.ts: `$contacts list(14) fields:
 * name, city, score`), not a control of its own (each was one: fields "person" and "clickable", no city; the one
 * focusable cell of a roving tab stop an entry renamed as focus moved). A grid without headers (a colour picker) or
 * headed by weekdays (a calendar: calendar.ts) keeps its cells as controls.
 */
export function isDataGridCell(el: Element): boolean {
  if (roleOf(el) !== 'gridcell') return false;
  const grid = closestOf(el, '[role=grid], [role=treegrid]');
  if (!grid) return false;
  // Rows that take the focus themselves (Gmail's `tr role=row tabindex=-1`): a row is what is opened, its cells its data.
  const row = parentOf(el);
  if (row && roleOf(row) === 'row' && hasAttr(row, 'tabindex') && !hasAttr(el, 'tabindex')) return true;
  const now = Date.now();
  const known = headedGrids.get(grid);
  if (known && now - known.at < 1000) return known.headed;
  // A calendar's weekday headers head days to pick (MUI's `button role=gridcell`), not columns of data.
  const headed = !!queryOf(grid, '[role=columnheader]') && !calendarOf(grid);
  headedGrids.set(grid, { at: now, headed });
  return headed;
}
const TEXT_TYPES = new Set(['text', 'email', 'search', 'url', 'tel', 'number', 'password', 'date', 'datetime-local',
  'month', 'week', 'time', 'color', '']);

/** Input types that take no typing. */
const NOT_TEXT_INPUTS: ReadonlySet<string> = new Set(['hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'file', 'range', 'color']);

/** An HTML element's tag in upper case (XHTML pages say "input"); '' for other namespaces. */
export function htmlTag(el: Element): string {
  return namespaceOf(el) === HTML_NS ? tagOf(el) : '';
}

/** A text box: an input that takes typing, a text area, an element made editable. */
export function takesTyping(el: Element): boolean {
  const tag = htmlTag(el);
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return !NOT_TEXT_INPUTS.has(String((el as HTMLInputElement).type ?? '').toLowerCase());
  const editable = attr(el, 'contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** The one text box inside `el` that `shown` accepts (an ARIA 1.1 combobox's), or undefined for none or several. */
export function soleTextBox(el: Element, shown: (box: Element) => boolean): Element | undefined {
  const boxes = Array.from(queryAllOf(el, 'input, textarea, [contenteditable]')).filter((box) => takesTyping(box) && shown(box));
  return boxes.length === 1 ? boxes[0] : undefined;
}

/** Each role attribute's first word, by the attribute ('' for none): pages repeat a few of them. */
const roleWords = new Map<string, string>();

/** Boxes whose rows are one list for assistive technology, whatever headings group them (a mail list's "Today"). */
export const ROW_GROUP_ROLES: ReadonlySet<string> = new Set(['listbox', 'grid', 'treegrid', 'feed']);

export function roleOf(el: Element): string | undefined {
  const attribute = attr(el, 'role');
  if (attribute === null) return undefined;
  let role = roleWords.get(attribute);
  if (role === undefined) {
    role = attribute.trim().split(/\s+/)[0]!.toLowerCase();
    if (roleWords.size > 1_000) roleWords.clear();
    roleWords.set(attribute, role);
  }
  return role || undefined;
}

/** The kind of an actionable element, or undefined for everything else (cursor/tabindex decided by the caller). */
export function kindOf(el: Element): ElementKind | undefined {
  const role = roleOf(el);
  // A list box that folds and unfolds (Google Forms' dropdown: `role=listbox aria-expanded=false`, only the chosen
  // option shown): a picker, as a select is.
  if (role === 'listbox' && foldingListbox(el)) return 'combobox';
  if (role && ROLE_KINDS[role]) {
    const kind = ROLE_KINDS[role];
    // A cell around a control (a calendar's `td role=gridcell` around its day's button): the control is the entry.
    if (role === 'gridcell' && (isDataGridCell(el) || queryOf(el, CELL_CONTROLS))) return undefined;
    if (role === 'textbox' && attr(el, 'aria-multiline') === 'true') return 'text_area';
    return kind;
  }
  // HTML elements by their local name (upper case here, as tagName is in HTML documents; XHTML pages say "input"); an
  // element of another namespace that calls itself INPUT or SELECT is none of those (it has no `type`, no `options`).
  switch (htmlTag(el) || (tagNameOf(el) === 'a' ? 'a' : '')) {
    case 'A': return hasAttr(el, 'href') ? 'link' : undefined;
    // SVG's <a> (a chart's bars, a map's regions): its tagName is lowercase, its target `href` or `xlink:href`.
    case 'a': return hasAttr(el, 'href') || hasAttr(el, 'xlink:href') ? 'link' : undefined;
    case 'BUTTON': return 'button';
    case 'SUMMARY': return 'button';
    case 'SELECT': return 'select';
    case 'TEXTAREA': return 'text_area';
    case 'INPUT': {
      const type = String((el as HTMLInputElement).type ?? '').toLowerCase();
      if (type === 'hidden') return undefined;
      if (['submit', 'button', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox') return attr(el, 'role') === 'switch' ? 'switch' : 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'range') return 'slider';
      if (type === 'file') return 'file_input';
      return TEXT_TYPES.has(type) || !type ? 'text_input' : 'text_input';
    }
    default:
      break;
  }
  const editable = attr(el, 'contenteditable');
  if (editable !== null && editable !== 'false') {
    const above = parentOf(el);
    const parent = above ? closestOf(above, '[contenteditable]') : null;
    if (!parent || attr(parent, 'contenteditable') === 'false') return 'editable';
  }
  return undefined;
}

const SENSITIVE_AUTOCOMPLETE = /\b(current-password|new-password|one-time-code|cc-number|cc-csc|cc-exp(-month|-year)?|cc-name|cc-type)\b/;
/** "Password" and a code sent to the user in other languages (regex sources, matched as written). */
export const PASSWORD_WORDS_ELSEWHERE = [
  'mot de passe', 'kennwort', 'passwort', 'contraseña', 'contrasena', 'senha', 'wachtwoord', 'has[łl]o', 'пароль', '密码', '密碼', 'パスワード', '비밀번호',
  'code de vérification', 'bestätigungscode', 'código de verificación',
];

// Word edges include `_`, `-` and a lower→upper case change (user_pin, cardPin): hints are split into words first.
const SENSITIVE_NAME = new RegExp([
  String.raw`pass(word|wd|code|phrase)\b`, String.raw`\bpass\b(?![ _-]?(holder|port|book))`, 'passw', String.raw`\botp\b`,
  String.raw`one[-_ ]?time[-_ ]?(pass|code|pin|token)`, String.raw`\b2fa\b`, String.raw`\bmfa\b`, String.raw`\btotp\b`,
  String.raw`\bcvv2?\b`, String.raw`\bcvc\b`, String.raw`\bcsc\b`, String.raw`card[-_ ]?(num(ber)?|no)\b`, String.raw`\bcc[-_]?num`,
  String.raw`security[-_ ]?code`, String.raw`\bpin\b(?![ _-]?code)`, String.raw`\bssn\b`, String.raw`\biban\b`,
  // Session 13 (review): codes sent to the user, bank and identity numbers, and "password" in other languages.
  String.raw`\b(verification|verify|auth|authentication|sms|login|sign[-_ ]?in|confirmation|access|approvals?|2[-_ ]?step|two[-_ ]?factor|backup|recovery)[-_ ]?code`,
  String.raw`\botc\b`, String.raw`\bpwd\b`, String.raw`social[-_ ]?security`, String.raw`\b(account|routing|sort)[-_ ]?(num(ber)?|no|code)\b`,
  String.raw`credit[-_ ]?card`, String.raw`\bcc[-_ ]?(exp|csc|cvv)`,
  ...PASSWORD_WORDS_ELSEWHERE,
  // Session 19 (hostile-page test): card numbers in other languages, German compounds included ("Kreditkartennummer").
  'kartennummer', 'kreditkarte', String.raw`kartenpr[üu]f`, 'kaartnummer', String.raw`num[ée]ro de (la )?carte`, 'carte bancaire',
  String.raw`n[úu]mero de (la )?tarjeta`, String.raw`tarjeta de cr[ée]dito`, String.raw`n[úu]mero do cart[ãa]o`, String.raw`cart[ãa]o de cr[ée]dito`,
  String.raw`numero (della )?carta`, 'carta di credito', 'numer karty', 'karta kredytowa', 'номер карты', 'カード番号', '卡号',
].join('|'), 'i');

/** "user_pin cardPin" → "user pin card Pin": the name's words, so `\bpin\b` finds them. */
const words = (text: string) => text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');

/**
 * One box of a code typed a character or two per box: often only the first box says `one-time-code`, and the group
 * ("Enter the 6-digit code we sent you") names the rest.
 */
function splitCodeBox(el: Element): boolean {
  const short = (box: Element) => {
    const max = Number(attr(box, 'maxlength'));
    return max >= 1 && max <= 2;
  };
  if (htmlTag(el) !== 'INPUT' || !short(el)) return false;
  // A row of four or more such boxes in one group (a fieldset, a group, or the boxes' nearest block that holds four,
  // each box maybe in a wrapper of its own): not a form's middle initial or state code.
  const boxesIn = (at: Element) => Array.from(queryAllOf(at, 'input')).filter(short);
  let group = closestOf(el, 'fieldset,[role=group]');
  for (let at = parentOf(el), up = 0; !group && at && up < 3; at = parentOf(at), up++) if (boxesIn(at).length >= 4) group = at;
  const boxes = group ? boxesIn(group) : [];
  if (!group || boxes.length < 4) return false;
  if (queryOf(group, 'input[autocomplete*="one-time-code"]')) return true;
  // Four to eight boxes of one character each, and nothing else to type there: a code or a PIN, whatever its words
  // (review, session 49: six "Digit N" boxes, each in its own `<div>`, showed the code typed in them).
  const typed = Array.from(queryAllOf(group, 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])'));
  if (boxes.length <= 8 && typed.length === boxes.length && boxes.every((box) => Number(attr(box, 'maxlength')) === 1)) return true;
  const legend = tagOf(group) === 'FIELDSET' ? queryOf(group, ':scope > legend') : null;
  const labelled = attr(group, 'aria-labelledby')?.split(/\s+/).map((id) => byId(group, id)).filter((x): x is Element => !!x) ?? [];
  const hint = [legend, ...labelled].map((x) => (x ? textOf(x, 160) : '')).concat(attr(group, 'aria-label') ?? '').join(' ');
  return /\bcode\b|\bpin\b/i.test(hint) || SENSITIVE_NAME.test(hint);
}

/**
 * A password, card or one-time-code input by what it is — `type=password`, such an `autocomplete`, or text drawn as
 * dots — not by its words: a label or placeholder says what the page likes ("Never share your password here" on a
 * public comment box), and that alone makes a field sensitive (isSensitive) but no place for a secret the user gave
 * (features/automate/secret-guard.ts). Inputs only.
 */
export function isSecretInput(el: Element): boolean {
  if (htmlTag(el) !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  if (type === 'password') return true;
  if (['radio', 'checkbox', 'submit', 'button', 'reset', 'image', 'range', 'color', 'file', 'hidden', 'search'].includes(type)) return false;
  if (SENSITIVE_AUTOCOMPLETE.test((attr(el, 'autocomplete') ?? '').toLowerCase())) return true;
  const security = styleOf(el)?.getPropertyValue('-webkit-text-security');
  return !!security && security !== 'none';
}

/**
 * The words of the column header over a box in a table's cell (a saved cards table's "Card number" column: review,
 * session 49, its boxes' numbers were read), from the table's first row of header cells; '' elsewhere.
 */
function columnHeadOf(el: Element): string {
  const cell = closestOf(el, 'td,th');
  const row = cell && parentOf(cell);
  const table = row && closestOf(row, 'table');
  if (!cell || !row || !table) return '';
  let column = 0;
  for (let at = previousElementOf(cell); at; at = previousElementOf(at)) column += Number(attr(at, 'colspan')) || 1;
  const head = queryOf(table, ':scope > thead > tr, :scope > tbody > tr:first-child, :scope > tr:first-child');
  if (!head || head === row) return '';
  let at = 0;
  for (const header of Array.from(childrenOf(head))) {
    if (at === column) return tagOf(header) === 'TH' ? textOf(header, 80) : '';
    at += Number(attr(header, 'colspan')) || 1;
    if (at > column) return '';
  }
  return '';
}

/** Password, one-time-code and card fields (inputs, text areas, textboxes, contenteditable, selects): their value is never read. */
export function isSensitive(el: Element): boolean {
  const editable = attr(el, 'contenteditable');
  const tag = htmlTag(el);
  const textLike = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || roleOf(el) === 'textbox'
    || (editable !== null && editable !== 'false');
  if (!textLike) return false;
  const input = el as HTMLInputElement;
  if (tag === 'INPUT' && input.type === 'password') return true;
  // A choice ("One-time donation") holds no secret, whatever it is called.
  if (tag === 'INPUT' && ['radio', 'checkbox', 'submit', 'button', 'reset', 'image', 'range', 'color', 'file'].includes(input.type)) return false;
  if (SENSITIVE_AUTOCOMPLETE.test((attr(el, 'autocomplete') ?? '').toLowerCase())) return true;
  const hints = [attr(el, 'name'), idOf(el), attr(el, 'aria-label'), attr(el, 'placeholder'), labelsOf(el), columnHeadOf(el)]
    .filter(Boolean).join(' ');
  if (SENSITIVE_NAME.test(hints) || SENSITIVE_NAME.test(words(hints))) return true;
  if (splitCodeBox(el)) return true;
  // A text field drawn as dots (`-webkit-text-security`) is a password field in all but its type (a style read: last).
  const security = styleOf(el)?.getPropertyValue('-webkit-text-security');
  return !!security && security !== 'none';
}

const bool = (value: string | null): boolean | undefined => (value === 'true' ? true : value === 'false' ? false : undefined);

export function isDisabled(el: Element): boolean {
  if (attr(el, 'aria-disabled') === 'true') return true;
  // Bootstrap's `.disabled` link (`li.page-item.disabled > a`): no pointer reaches it, a person cannot click it.
  if (matchesOf(el, '.disabled, .disabled > *') && styleOf(el)?.pointerEvents === 'none') return true;
  try {
    return matchesOf(el, ':disabled');
  } catch {
    return (el as HTMLButtonElement).disabled === true;
  }
}

const MAX_OPTIONS = 20;

/** The first ids of an id list attribute (`aria-describedby="name-hint name-error"`). */
const idsIn = (el: Element, name: string): string[] => (attr(el, name) ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);

/** The words of the elements an id list names (`aria-errormessage`, `aria-describedby`), shown ones only, secrets hidden. */
function errorTextOf(el: Element): string | undefined {
  for (const name of ['aria-errormessage', 'aria-describedby']) {
    const ids = idsIn(el, name);
    const text = collapse(ids.map((id) => {
      const found = byId(el, id);
      return found && !hasAttr(found, 'hidden') ? textOf(found, 200) : '';
    }).join(' '));
    if (text) return truncate(hideSecrets(text), 200);
  }
  return undefined;
}

/**
 * Marked invalid by its class as Bootstrap does (`is-invalid`, a server's verdict drawn in red with its
 * `.invalid-feedback` text beside it), with no `aria-invalid` (explorer, session 42: the message was nowhere).
 */
const markedInvalid = (el: Element): boolean => /(?:^|\s)is-invalid(?:\s|$)/.test(attr(el, 'class') ?? '');

/**
 * A class word or id that names an error message: error or invalid at its end, maybe with message/text/feedback after
 * (`govuk-error-message`, `field-error`, `emailError`, `name-error`, `invalid-feedback`); not `error-threshold-help`.
 */
const ERROR_TOKEN = /(?:^|[-_])(?:error|errors|invalid)(?:[-_]?(?:message|msg|text|feedback|tooltip))?$|[a-z](?:Error|Invalid)(?:Message|Msg|Text)?$|^(?:error|invalid)$/i;
const saysError = (tokens: string): boolean => tokens.split(/\s+/).some((token) => ERROR_TOKEN.test(token));
/** Controls a person fills in or picks (a button's description is no error of its; a message names the one it is about). */
export const FIELD_KINDS: ReadonlySet<string> = new Set(['text_input', 'text_area', 'select', 'checkbox', 'radio', 'switch', 'slider', 'file_input', 'editable', 'combobox']);
/** A group whose error its parts drawn in red take (a date's day, month and year). */
const DESCRIBED_GROUP = 'fieldset[aria-describedby], [role=group][aria-describedby], [role=radiogroup][aria-describedby]';
/** A field drawn red by its class (`govuk-input--error`, `has-error`, `input-invalid`). */
const RED_FIELD = /(?:^|[-_\s])(?:error|invalid)(?:$|[-_\s])/i;

/**
 * An error the page shows for a field without marking it `aria-invalid`: a shown element its `aria-describedby` names
 * whose class or id names an error message (GOV.UK's forms: "Error: Enter your previous name" under the field, the
 * field drawn red by class only; explorer, session 55), its words without "Error:". A fieldset's error only for its
 * fields drawn red by class (a date's year, not the address lines beside a postcode, nor each radio of a group).
 */
function describedErrorOf(el: Element): string | undefined {
  const group = RED_FIELD.test(attr(el, 'class') ?? '') ? closestOf(el, DESCRIBED_GROUP) : null;
  for (const holder of group ? [el, group] : [el]) {
    for (const id of idsIn(holder, 'aria-describedby')) {
      const found = byId(holder, id);
      if (!found || !(saysError(id) || saysError(attr(found, 'class') ?? '')) || hasAttr(found, 'hidden')) continue;
      if (checkVisibilityOf(found, { visibilityProperty: true, opacityProperty: true }) === false) continue;
      const text = textOf(found, 200);
      if (text) return truncate(hideSecrets(text.replace(/^\s*error\s*:\s*/i, '')), 200);
    }
  }
  return undefined;
}

/** The error a Bootstrap field shows after it: the next `.invalid-feedback` sibling, where shown. */
function feedbackOf(el: Element): string | undefined {
  if (!markedInvalid(el)) return undefined;
  for (let next = el.nextElementSibling, n = 0; next && n < 4; next = next.nextElementSibling, n++) {
    if (!/(?:^|\s)invalid-(?:feedback|tooltip)(?:\s|$)/.test(attr(next, 'class') ?? '') || hasAttr(next, 'hidden')) continue;
    const text = textOf(next, 200);
    if (text) return truncate(hideSecrets(text), 200);
  }
  return undefined;
}

/** The grid cell (two levels up at most) whose one control `el` is, which is no entry of its own (kindOf). */
function cellAround(el: Element): Element | undefined {
  for (let at = parentOf(el), up = 0; at && up < 2; at = parentOf(at), up++) {
    if (roleOf(at) !== 'gridcell') continue;
    return queryAllOf(at, CELL_CONTROLS).length === 1 ? at : undefined;
  }
  return undefined;
}
const CELL_CONTROLS = 'button, a[href], input, [role=button], [role=link], [role=checkbox], [role=switch], [role=radio]';

/**
 * A link or button alone in an item the page marks current (`<li aria-current="step"><a>Shipping</a></li>`: a wizard's
 * steps, a breadcrumb's trail) is the current one (explorer, session 44).
 */
function currentWrapper(el: Element): boolean {
  const wrapper = parentOf(el);
  return !!wrapper && childElementCountOf(wrapper) === 1 && (saysCurrent(wrapper) || activeItem(wrapper));
}

/**
 * A list item marked current by its class alone (Bootstrap's `li.page-item.active`, a menu's `li.current`, Ant's
 * `li.ant-pagination-item-active`): the page a
 * pagination is on, the section a menu is in (explorer, session 46: `$second__1_link` said nothing of it).
 */
export function activeItem(el: Element): boolean {
  if (tagOf(el) !== 'LI') return false;
  const cls = ` ${attr(el, 'class') ?? ''} `;
  // Or a modifier that says it (Ant's `ant-pagination-item-active`, BEM's `menu__item--current`).
  // Only an item's, a page's, a link's or a tab's modifier, or BEM's: `member-active` says a member's status.
  return / (?:active|current|is-active|is-current|selected|[\w-]*(?:item|page|link|tab)[-_]+(?:active|current|selected)|[\w-]+--(?:active|current|selected)) /i
    .test(cls.replace(/\s+/g, ' '));
}

/** A class that says a toolbar's button is on: `is-active` (TipTap), `active`, `ql-active` (Quill), `…--active`. */
const ON_CLASS = /(?:^|\s)(?:is-active|active|[\w-]+[-_]active)(?:\s|$)/;
const TOOLBARS = '[role=toolbar], [role=menubar], [class*=toolbar], [class*=Toolbar], [class*=menubar], [class*=editor-menu]';

/**
 * An editor toolbar's toggle that says it is on by its class alone (TipTap's `menubar__button is-active` on Bold):
 * pressed, as `aria-pressed` would say (explorer, session 47: "is bold on?" had no answer).
 */
export function pressedByClass(el: Element): boolean {
  if (tagOf(el) !== 'BUTTON' || hasAttr(el, 'aria-pressed') || !ON_CLASS.test(attr(el, 'class') ?? '')) return false;
  // An editor's toolbar: beside the text it formats (an app bar's `active` Home button is where the user is).
  const above = parentOf(el);
  const toolbar = above && closestOf(above, TOOLBARS);
  const around = toolbar && parentOf(toolbar);
  return !!around && !['BODY', 'MAIN', 'HTML', 'HEADER', 'NAV', 'FOOTER', 'ASIDE'].includes(tagOf(around)) && !!queryOf(around, '[contenteditable]:not([contenteditable=false]), textarea');
}

/** `aria-current` with a value that says so (not empty, not "false"). */
export function saysCurrent(el: Element): boolean {
  const current = attr(el, 'aria-current');
  return !!current && current !== 'false';
}

/** Current state, options and the value (never for sensitive fields). */
export function stateOf(el: Element, kind: ElementKind, sensitive: boolean): Pick<ElementEntry, 'state' | 'options' | 'optionsTotal'> {
  const state: NonNullable<ElementEntry['state']> = {};
  const out: Pick<ElementEntry, 'state' | 'options' | 'optionsTotal'> = {};
  // A grid cell around its one control (a calendar's `td role=gridcell` around the day's button) gives it its state.
  const cell = kind !== 'clickable' ? cellAround(el) : undefined;
  if (isDisabled(el) || (!!cell && attr(cell, 'aria-disabled') === 'true')) state.disabled = true;
  if (hasAttr(el, 'required') || attr(el, 'aria-required') === 'true') state.required = true;
  if (hasAttr(el, 'readonly') || attr(el, 'aria-readonly') === 'true') state.readonly = true;
  // Marked invalid by the page, with what it says is wrong (explorer, session 41: a form's errors were nowhere).
  const invalid = attr(el, 'aria-invalid')?.trim().toLowerCase();
  if ((invalid && invalid !== 'false') || markedInvalid(el)) {
    state.invalid = true;
    const error = errorTextOf(el) ?? feedbackOf(el);
    if (error) state.error = error;
  } else if (FIELD_KINDS.has(kind)) {
    const error = describedErrorOf(el);
    if (error) {
      state.invalid = true;
      state.error = error;
    }
  }
  const expanded = bool(attr(el, 'aria-expanded'));
  if (expanded !== undefined) state.expanded = expanded;
  const pressed = bool(attr(el, 'aria-pressed'));
  if (pressed !== undefined) state.pressed = pressed;
  else if (kind === 'button' && pressedByClass(el)) state.pressed = true;
  if (saysCurrent(el) || attr(el, 'aria-selected') === 'true' || currentWrapper(el) || (!!cell && attr(cell, 'aria-selected') === 'true')) state.current = true;
  const tag = tagOf(el);
  if (tag === 'DETAILS' || tag === 'SUMMARY') {
    const details = closestOf(el, 'details');
    if (details) state.expanded = hasAttr(details, 'open');
  }

  if (kind === 'checkbox' || kind === 'radio' || kind === 'switch') {
    const aria = attr(el, 'aria-checked');
    state.checked = tag === 'INPUT' ? (el as HTMLInputElement).checked : aria === 'true' || aria === 'mixed';
  } else if (kind === 'select' && tag === 'SELECT') {
    const select = el as HTMLSelectElement;
    const options = Array.from(select.options);
    const own = (o: HTMLOptionElement) => collapse(o.label || o.text || o.value);
    // The same text in two groups ("Basic" small car, "Basic" large car) is told apart by its group.
    const grouped = groupsTellApart(options, own);
    const label = (o: HTMLOptionElement) => truncate(grouped ? withGroup(o, own(o)) : own(o), 80);
    const chosen = options.filter((o) => o.selected).map(label);
    // A card's expiry month is a choice the page holds, not one to show.
    if (chosen.length && !sensitive) state.selected = truncate(chosen.join(', '), 300);
    out.options = options.slice(0, MAX_OPTIONS).map(label);
    if (options.length > MAX_OPTIONS) out.optionsTotal = options.length;
  } else if (!sensitive) {
    let value: string | undefined;
    if (tag === 'INPUT' || tag === 'TEXTAREA') {
      if (kind !== 'button' && kind !== 'file_input') value = (el as HTMLInputElement).value;
      // A picker's box that stays empty while its choice is drawn beside it (Ant Design, react-select; Select2's
      // typing box among the chosen chips).
      if (!value && picksBeside(el, kind)) value = choiceBeside(el);
    } else if (showsChoice(el)) {
      value = attr(el, 'aria-valuetext') ?? choiceShown(el);
      // Said once: a picker named by what it shows ("Role: Member", an unlabelled one) or a menu button ("Sort").
      if (value && accessibleName(el).includes(value)) value = undefined;
    } else if (kind === 'editable' || kind === 'text_input' || kind === 'text_area' || kind === 'combobox') {
      value = attr(el, 'aria-valuetext') ?? (kind === 'combobox' ? (el as HTMLInputElement).value : textOf(el, 1000));
      if (value && showsPlaceholder(el, value)) value = undefined;
    } else if (kind === 'slider') {
      value = attr(el, 'aria-valuetext') ?? attr(el, 'aria-valuenow') ?? undefined;
    } else if (kind === 'button') {
      value = triggerParts(el)?.value;
    }
    if (kind === 'slider' && tag === 'INPUT') value = (el as HTMLInputElement).value;
    if (value) state.value = truncate(value, 1000);
    Object.assign(state, boundsOf(el, kind));
  }
  // A folding list box's options, shown or not (display: none until it unfolds).
  if (kind === 'combobox' && roleOf(el) === 'listbox' && !out.options) {
    const options = Array.from(queryAllOf(el, '[role=option]'), (o) => truncate(collapse(textOf(o, 200)), 80)).filter(Boolean);
    if (options.length) out.options = options.slice(0, MAX_OPTIONS);
    if (options.length > MAX_OPTIONS) out.optionsTotal = options.length;
  }
  // A picker the page draws beside a native select it hides for forms (Radix Select): that select's options.
  if (kind === 'combobox' && tag !== 'INPUT' && !out.options) {
    const native = nextElementOf(el);
    if (native && tagOf(native) === 'SELECT' && attr(native, 'aria-hidden') === 'true') {
      const options = Array.from((native as HTMLSelectElement).options).map((o) => truncate(collapse(o.label || o.text), 80)).filter(Boolean);
      if (options.length) out.options = options.slice(0, MAX_OPTIONS);
      if (options.length > MAX_OPTIONS) out.optionsTotal = options.length;
    }
  }
  // A text field's suggestions (`<input list>`): `select()` types the one chosen (executor/datalist-select.ts).
  if (tag === 'INPUT' && !out.options && !sensitive && takesTyping(el)) {
    const suggested = suggestionsShown(el);
    if (suggested.length) out.options = suggested.slice(0, MAX_OPTIONS);
    if (suggested.length > MAX_OPTIONS) out.optionsTotal = suggested.length;
  }
  if (Object.keys(state).length) out.state = state;
  return out;
}

/** The words of a text field's datalist suggestions (their labels, else values), none for other fields. */
function suggestionsShown(el: Element): string[] {
  const list = datalistOf(el);
  if (!list) return [];
  const words = (o: Element) => collapse(attr(o, 'label') ?? '') || collapse((o as HTMLOptionElement).label ?? '') || collapse(attr(o, 'value') ?? '');
  return Array.from(queryAllOf(list, 'option'), (o) => truncate(words(o), 80))
    .filter(Boolean).slice(0, 500);
}

/** The `<datalist>` of suggestions an input names (`list`), in its own tree; null for none. */
export function datalistOf(el: Element): Element | null {
  const id = htmlTag(el) === 'INPUT' ? attr(el, 'list') : null;
  const list = id ? byId(el, id) : null;
  return list && htmlTag(list) === 'DATALIST' ? list : null;
}

/**
 * A drawn text box whose words are its placeholder, not what was typed: its `aria-placeholder` or `data-placeholder`
 * says them, or the box is called a placeholder (YouTube's `#simplebox-placeholder` "Add a comment…", replaced by the
 * real editor once clicked: explorer, session 48).
 */
function showsPlaceholder(el: Element, words: string): boolean {
  const said = collapse(attr(el, 'aria-placeholder') ?? attr(el, 'data-placeholder') ?? '');
  if (said) return said === collapse(words);
  // Called so by its id or a class (`simplebox-placeholder`, `placeholder`), not by a class a box keeps while it holds
  // words (`has-placeholder`, `placeholder-enabled`: review, session 49).
  if (tagOf(el) === 'INPUT' || tagOf(el) === 'TEXTAREA') return false;
  return [idOf(el), ...(attr(el, 'class') ?? '').split(/\s+/)].some((name) => /(?:^|[-_])placeholder$/i.test(name)
    && !/^(?:has|with|show|shows|is|no|without|use|uses|enable|enabled)[-_]/i.test(name));
}

/** Input types whose `min` and `max` bound what they take. */
const BOUNDED_TYPES: ReadonlySet<string> = new Set(['number', 'date', 'datetime-local', 'month', 'week', 'time']);

/**
 * The least and most a slider, number, date or spin button takes, as its markup says: a range input's are the
 * browser's 0 and 100 where unset (a maximum below the minimum is the minimum); the others' only where set. A slider's
 * or number's step too, where it is not 1.
 */
function boundsOf(el: Element, kind: ElementKind): { min?: string; max?: string; step?: string } {
  const bounds: { min?: string; max?: string; step?: string } = {};
  // A step other than 1 (the default of both); "any" takes every value.
  const step = attr(el, 'step')?.trim();
  const stepSaid = step && ((Number(step) > 0 && Number(step) !== 1) || step.toLowerCase() === 'any') ? { step: truncate(step, 40) } : {};
  const keep = (key: 'min' | 'max', value: string | null | undefined) => {
    const said = value?.trim();
    if (said) bounds[key] = truncate(said, 40);
  };
  if (htmlTag(el) === 'INPUT') {
    const type = String((el as HTMLInputElement).type ?? '').toLowerCase();
    if (type === 'range') {
      const number = (said: string | null, or: number) => (said !== null && said.trim() !== '' && Number.isFinite(Number(said)) ? Number(said) : or);
      const min = number(attr(el, 'min'), 0);
      const max = Math.max(min, number(attr(el, 'max'), 100));
      return { min: String(min), max: String(max), ...stepSaid };
    }
    if (BOUNDED_TYPES.has(type)) {
      keep('min', attr(el, 'min'));
      keep('max', attr(el, 'max'));
      if (type === 'number') Object.assign(bounds, stepSaid);
    }
    return bounds;
  }
  const role = roleOf(el);
  if (kind === 'slider' || role === 'spinbutton') {
    keep('min', attr(el, 'aria-valuemin'));
    keep('max', attr(el, 'aria-valuemax'));
  }
  return bounds;
}

/**
 * Where a link goes, relative to the page when on the same origin. Whitespace is percent-encoded: a target is one
 * token ("mailto:IGNORE ALL PREVIOUS…" keeps its spaces in a URL, and would read as words in the prompt).
 */
export function linkTarget(el: Element, page: PageAddress = pageAddressOf(ownerDocOf(el))): string | undefined {
  const href = attr(el, 'href') ?? attr(el, 'xlink:href');
  const { base, here } = page;
  // A link's target is read for its effect and its locator, and on each read of the page: parsed once while its
  // href, the document's base and the page's address stay the same.
  const known = targets.get(el);
  if (known && known.href === href && known.base === base && known.here === here) return known.target;
  const target = rawLinkTarget(el, href)?.replace(/\s/g, (c) => encodeURIComponent(c));
  targets.set(el, { href, base, here, target });
  return target;
}

const targets = new WeakMap<Element, { href: string | null; base: string; here: string; target: string | undefined }>();

/** What a link's target is read against: its document's base and address. */
export interface PageAddress {
  base: string;
  here: string;
}

/** Read once for many links of one document (each read of them builds a string). */
export function pageAddressOf(doc: Document): PageAddress {
  return { base: doc.baseURI, here: doc.location?.href ?? '' };
}

function rawLinkTarget(el: Element, href: string | null): string | undefined {
  if (href === null || /^\s*javascript:/i.test(href)) return undefined;
  // `href="#"` (a tab, a menu toggle whose script does the work) goes nowhere: not a move to this page.
  if (/^\s*#?\s*$/.test(href)) return undefined;
  let url: URL;
  try {
    url = new URL(href, ownerDocOf(el).baseURI);
  } catch {
    return undefined;
  }
  const here = ownerDocOf(el).location;
  if (url.protocol === 'mailto:' || url.protocol === 'tel:') return truncate(url.href, 300);
  if (here && url.origin === here.origin) {
    if (url.pathname === here.pathname && url.search === here.search && url.hash) return url.hash;
    return truncate(url.pathname + url.search + url.hash, 300);
  }
  return truncate(url.href, 300);
}

const POPUPS = new Set(['menu', 'listbox', 'tree', 'grid', 'dialog']);

/** "Search" in the words pages use for a search form's id, name, class or address (`/recherche/`, `#suche`). */
export const SEARCH_WORD = /(?<![\p{L}\p{N}])(?:search(?:es|ing)?|recherche[rz]?|suche[n]?|buscar?|busqueda|búsqueda|pesquisa[r]?|cerca|ricerca|zoeken|sök|szukaj|поиск|検索|搜索|搜尋|검색)(?![\p{L}\p{N}])/iu;
/** A field's name or id that holds the words looked for (`q`, `query`, `work_search[query]`, WordPress's `s`). */
const QUERY_FIELD = /(?:^|[^a-z0-9])(?:q|s|query|search|keywords?)(?:[^a-z0-9]|$)/i;

/** A search box in the form (`type=search`, `role=searchbox`). */
/**
 * A search box in the form (`type=search`, `role=searchbox`): not a picker's typing box inside its combobox (Select2's
 * inline `input[type=search]` among the chosen people: explorer, session 47, an issue form was `search_form`).
 */
export const hasSearchBox = (form: Element): boolean => Array.from(queryAllOf(form, 'input[type=search],[role=searchbox]')).slice(0, 10)
  .some((box) => !(parentOf(box) && closestOf(parentOf(box)!, '[role=combobox]')));

/** A text field named for the words looked for, or "search" in the form's id, name, class or address. */
function namedLikeSearch(form: Element): boolean {
  for (const field of Array.from(queryAllOf(form, 'input:not([type=hidden])')).slice(0, 20)) {
    const type = (attr(field, 'type') ?? 'text').toLowerCase();
    if (type === 'text' && (QUERY_FIELD.test(attr(field, 'name') ?? '') || QUERY_FIELD.test(idOf(field)))) return true;
  }
  const words = [idOf(form), attr(form, 'name') ?? '', attr(form, 'class') ?? '', (attr(form, 'action') ?? '').split(/[?#]/)[0]!]
    .join(' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-/.]+/g, ' ');
  return SEARCH_WORD.test(words);
}

/**
 * Sending the form only reads (a search): it goes with GET and is a search by role (`role=search`, `<search>`) or has
 * a search box — GET when unsaid, as the standard has it — or, sent with a GET its markup says (the submitter's
 * formmethod or the form's method), a field named for the words looked for (`q`, `work_search[query]`, WordPress's
 * `s`) or "search" in its id, name, class or address (`/recherche/`). A form that leaves its method out is often sent
 * from script (a fetch POST): names alone do not make it a search. A page that wraps everything in one POST form
 * (ASP.NET) is not a search form because a search box sits somewhere inside it. The document (an entry's `searches`)
 * and the executor (on the live form) judge with this one rule.
 */
export function sendsSearch(form: Element, submitter?: Element | null): boolean {
  const said = (submitter ? attr(submitter, 'formmethod') : null) ?? attr(form, 'method');
  const method = (said ?? 'get').trim().toLowerCase();
  if (method !== 'get') return false;
  if (attr(form, 'role') === 'search' || closestOf(form, '[role=search],search') || hasSearchBox(form)) return true;
  return said !== null && namedLikeSearch(form);
}

/**
 * Sent with GET as the page's own markup says: the submitter's formmethod, else the form's method, written out (a form
 * that leaves it out is often sent from script, a fetch POST).
 */
function saysGet(form: Element, submitter?: Element | null): boolean {
  const said = (submitter ? attr(submitter, 'formmethod') : null) ?? attr(form, 'method');
  return (said ?? '').trim().toLowerCase() === 'get';
}

/** At most this many of a form's fields are read for what it sends; a form with more is in doubt (not only reading). */
const MAX_SENT_FIELDS = 200;

/**
 * Sent with GET as its markup says, and nothing about it says it changes something (getSubmissionReads: where it goes,
 * and the fields the page chose for it — hidden ones, selects, checked boxes and radios, the submitter's own name and
 * value): a chapter picker's "Go", a filter or sort form. Such a submission only reads: the executor lets it through,
 * and the document marks its button `reads`, so that it is not asked about unless its words say otherwise. Both judge
 * with this one rule; WordPress's posts list (GET, with a bulk "Move to Trash" chosen) is not one.
 */
export function getOnlyReads(form: Element, submitter?: Element | null): boolean {
  if (!saysGet(form, submitter)) return false;
  const action = (submitter ? attr(submitter, 'formaction') : null) ?? attr(form, 'action') ?? '';
  let path: string;
  try {
    path = new URL(action, ownerDocOf(form).baseURI).pathname;
  } catch {
    return false;
  }
  const fields = sentFields(form, submitter);
  return fields !== undefined && getSubmissionReads(path, fields);
}

/** The fields a form sends whose values the page or the user chose, not typed: hidden, selects, checked boxes and radios. */
function sentFields(form: Element, submitter?: Element | null): SentField[] | undefined {
  const id = idOf(form);
  const outside = id ? Array.from(queryAllOf(ownerDocOf(form), 'input[form], select[form]')).filter((el) => attr(el, 'form') === id) : [];
  const all = [...Array.from(queryAllOf(form, 'input, select')), ...outside];
  if (all.length > MAX_SENT_FIELDS) return undefined;
  const fields: SentField[] = [];
  for (const el of all) {
    const name = attr(el, 'name');
    if (!name) continue;
    if (htmlTag(el) === 'SELECT') {
      for (const option of Array.from((el as HTMLSelectElement).options ?? [])) if (option.selected) fields.push({ name, value: option.value });
      continue;
    }
    const type = String((el as HTMLInputElement).type ?? '').toLowerCase();
    if (type === 'hidden' || ((type === 'checkbox' || type === 'radio') && (el as HTMLInputElement).checked)) fields.push({ name, value: String((el as HTMLInputElement).value ?? '') });
  }
  const sentBy = submitter ? attr(submitter, 'name') : null;
  if (submitter && sentBy) fields.push({ name: sentBy, value: attr(submitter, 'value') ?? '' });
  return fields;
}

/** The form a click on `el` sends: a submit button's or a submit/image input's. */
export function submittedForm(el: Element): HTMLFormElement | null {
  const tag = tagOf(el);
  // A design system's submit button (Shoelace's `<sl-button type="submit">`): the host says so; its form is the host's.
  if (tag.includes('-')) return attr(el, 'type') === 'submit' ? closestOf(el, 'form') as HTMLFormElement | null : null;
  const isSubmit = (tag === 'BUTTON' && ((el as HTMLButtonElement).type || 'submit') === 'submit')
    || (tag === 'INPUT' && ['submit', 'image'].includes((el as HTMLInputElement).type));
  if (!isSubmit) return null;
  const form = (el as HTMLButtonElement).form;
  if (form) return form;
  // The button of such a host, drawn in its shadow root: a form reaches no button there, the host sends it.
  const root = rootNodeOf(el) as Partial<ShadowRoot>;
  const host = root.host;
  return host && tagOf(host).includes('-') && (attr(host, 'type') === 'submit' || attr(el, 'type') === 'submit') ? closestOf(host, 'form') as HTMLFormElement | null : null;
}

/** An id that reads as words ("shipping-panel"), else '' (generated: "radix-:r5:", "m1", "collapse3"). */
function wordsOfId(id: string): string {
  const token = readableToken(id);
  return token && !/\d/.test(id) ? token : '';
}

/** What activating the element is known to do: link target, form submission, dialog/menu opened, region toggled. */
export function effectOf(el: Element, kind: ElementKind, formName: (form: Element) => string | undefined): string | undefined {
  const parts: string[] = [];
  const tag = tagOf(el);
  if (kind === 'link' || tag === 'A') {
    const target = linkTarget(el);
    if (target) parts.push(attr(el, 'target') === '_blank' ? `opens ${target} in a new tab` : `goes to ${target}`);
  }
  const form = submittedForm(el);
  if (form) {
    const method = (attr(form, 'method') ?? '').toLowerCase();
    const name = formName(form);
    parts.push(method === 'dialog' ? `submits ${name ?? 'the form'} and closes the dialog` : `submits ${name ?? 'the form'}`);
  }
  // Only the values ARIA defines: page text must not reach the prompt unquoted through an attribute.
  const popup = attr(el, 'aria-haspopup')?.trim().toLowerCase();
  if (popup && popup !== 'false') parts.push(`opens a ${POPUPS.has(popup) ? popup : 'menu'}`);
  const controls = attr(el, 'aria-controls');
  if (controls) {
    // By its name, or an id that reads as words; not a generated id ("radix-:r5:", "m1") nor one of nothing on the page.
    const target = byId(el, controls.split(/\s+/)[0] ?? '');
    const label = target ? accessibleName(target) || wordsOfId(idOf(target)) : '';
    if (label) parts.push(`controls ${JSON.stringify(truncate(label, 60))}`);
  }
  if (tag === 'SUMMARY') parts.push('shows or hides details');
  return parts.length ? parts.join('; ') : undefined;
}
