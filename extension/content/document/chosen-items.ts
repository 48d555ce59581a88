/**
 * Items chosen in a list (a chat's open conversation, a selected mail): their words are the page's subject of the
 * moment, not what a heading or a control is. Names that said them changed with every conversation opened.
 */
import { textOf } from './dom.ts';
import { collapse } from './text.ts';
import { attr, closestOf, containsOf, queryAllOf, queryOf, rootNodeOf } from './dom-safe.ts';

/** Items chosen in a list: an option, row or tree item selected, an item marked current (by ARIA or its class). */
const CHOSEN_ITEMS = ':is([role=option], [role=row], [role=treeitem], [role=gridcell], [role=listitem], li:not([role=tab]))[aria-selected=true], '
  + ':is(li, [role=listitem])[aria-current=true], li.active, li.selected, li.is-active, li.is-selected';
/** Where an item marked by its class is the page the user is on (a menu's, a breadcrumb's): its heading is the page's own. */
const PAGE_PLACES = 'nav, header, [role=navigation], [role=banner], [class*=breadcrumb], [class*=menu], [class*=pagination]';

interface ChosenItem {
  item: Element;
  /** Its words, in lower case. */
  words: string;
  /** Chosen by ARIA (`aria-selected`, `aria-current`), not only by a class such as `active`. */
  aria: boolean;
}

// Kept through one document build only (the walk starts it, buildPageDocument ends it): the user chooses other items
// between builds, and a name the executor checks later is read with the items chosen then.
let known: Map<Document | ShadowRoot, ChosenItem[]> | undefined;
export const rememberChosenItems = () => {
  known = new Map();
};
export const forgetChosenItems = () => {
  known = undefined;
};

/** An item whose link goes to another page (a category tree's, a settings menu's): the heading is that page's own. */
function leadsToAPage(item: Element): boolean {
  const link = queryOf(item, 'a[href]');
  const href = link ? attr(link, 'href')?.trim() ?? '' : '';
  return !!href && !/^(?:#|javascript:)/i.test(href);
}

function safeQueryAll(root: Document | ShadowRoot, selector: string): Element[] {
  try {
    return Array.from(queryAllOf(root, selector));
  } catch {
    return [];
  }
}

/** The items chosen in `el`'s document or shadow root, but those holding `el`. */
function chosenAround(el: Element): ChosenItem[] {
  const root = rootNodeOf(el) as Document | ShadowRoot;
  let chosen = known?.get(root);
  if (!chosen) {
    chosen = safeQueryAll(root, CHOSEN_ITEMS).slice(0, 20)
      .filter((item) => !queryOf(item, 'h1,h2,h3,h4,h5,h6') && !leadsToAPage(item)
        && (attr(item, 'aria-selected') === 'true' || attr(item, 'aria-current') === 'true' || !closestOf(item, PAGE_PLACES)))
      .map((item) => ({ item, words: collapse(textOf(item, 200)).toLowerCase(), aria: attr(item, 'aria-selected') === 'true' || attr(item, 'aria-current') === 'true' }));
    known?.set(root, chosen);
  }
  return chosen.filter(({ item }) => !containsOf(item, el));
}

/**
 * Whether a heading is the title of the item chosen in a list elsewhere on the page (a chat's "Priya Natarajan" over
 * the thread, beside the conversation list): the item's words start with it. Such a heading names nothing, or the
 * composer and its Send button would be renamed with every conversation opened (explorer, session 47).
 */
export function titleOfChosen(heading: Element, title: string): boolean {
  if (title.length < 3) return false;
  const words = collapse(title).toLowerCase();
  return chosenAround(heading).some(({ words: said }) => said === words || said.startsWith(`${words} `));
}

const MIN_TITLE = 3;
const LINKING_WORD = /[\s:,–—-]+(?:in|to|with|for|from|of|on|at|by)?[\s:,–—-]*$/i;

/**
 * A label without the chosen item's title it ends with ("Messages in Design team", a composer's "Message Design
 * team": explorer, session 57), nor the word that linked them; the label where nothing else is left. Only an item
 * chosen by ARIA (a tab marked `active` by its class says "All", and "Select all" stays), and a title of two words or
 * more unless it is all the item says ("Delete account" stays beside a chosen "Account settings").
 */
export function withoutChosenTitle(el: Element, label: string): string {
  if (label.length <= MIN_TITLE || !/\s/.test(label)) return label;
  const chosen = chosenAround(el).filter(({ aria }) => aria);
  if (!chosen.length) return label;
  const lower = label.toLowerCase();
  for (let at = lower.indexOf(' '); at >= 0; at = lower.indexOf(' ', at + 1)) {
    const tail = collapse(lower.slice(at + 1));
    const titles = (words: string) => words === tail || (/\s/.test(tail) && words.startsWith(`${tail} `));
    if (tail.length < MIN_TITLE || !chosen.some(({ words }) => titles(words))) continue;
    const rest = label.slice(0, at).replace(LINKING_WORD, '');
    return /\p{L}/u.test(rest) ? rest : label;
  }
  return label;
}
