/**
 * Which actions cannot be taken back: form submits (other than search) and buttons or links whose label or effect
 * means send, pay, buy, order, delete, remove, publish, post, confirm or log out. Pure, so the side panel (on the
 * document entry) and the content executor (on the live element) classify with the same rule.
 */
export interface ActionFacts {
  /** The action about to happen: click, check, type… Only activating actions can be irreversible. */
  action: string;
  /** Visible label, accessible name, value of the element (page text: data, only matched against words). */
  label: string;
  /** Effect from the document: "submits the form", "goes to /logout"… */
  effect?: string | undefined;
  /** The element submits a form. */
  submits?: boolean | undefined;
  /** That form is a search form (submitting it only reads). */
  searchForm?: boolean | undefined;
}

export interface Verdict {
  irreversible: boolean;
  reason?: string;
}

/** Checking a box or typing is undone by doing the opposite; what they lead to (a submit) is gated itself. */
const ACTIVATING = new Set(['click', 'open']);

/** Whole words in any script: `\b` only knows ASCII letters ("löschen", "削除"). */
const word = (alternatives: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');

// English first, then the main European languages and Chinese, Japanese and Korean (no word breaks there: substrings).
const WORDS: Array<[RegExp, string]> = [
  [word('send|sends|sending|senden|absenden|envoyer|enviar|invia|inviare|verzenden|verstuur'), 'sends'],
  [word('pay|payment|pays|checkout|check out|purchase|bezahlen|zahlen|payer|pagar|paga|pagare|betalen|donate'), 'pays'],
  [word('buy|buys|kaufen|jetzt kaufen|acheter|comprar|acquista|kopen'), 'buys'],
  [word('order|orders|bestellen|commander|pedir'), 'orders'],
  [word('delete|deletes|deleting|trash|erase|destroy|move to bin|bin it|löschen|supprimer|eliminar|borrar|elimina|excluir|verwijderen'), 'deletes'],
  [word('remove|removes|removing|discard|entfernen|retirer|quitar|rimuovi'), 'removes'],
  [word('publish|publishes|veröffentlichen|publier|publicar|pubblica|publiceren'), 'publishes'],
  [word('post|posts'), 'posts'],
  [word('confirm|confirms|bestätigen|confirmer|confirmar|conferma|bevestigen'), 'confirms'],
  [word('log ?out|logout|sign ?out|signout|abmelden|ausloggen|déconnexion|se déconnecter|cerrar sesión|esci|sair|uitloggen'), 'logs out'],
  [word('submit'), 'submits'],
  [word('unsubscribe|subscribe|deactivate|close account|close my account|cancel (?:my )?(?:subscription|order|membership|account|booking|reservation|plan)'), 'changes an account or a subscription'],
  // "Transfer" alone (a bank's button) or with money; "Transfer files" is not a payment.
  [/^\s*transfer\s*$|(?<![\p{L}])(transfer (?:money|funds|now)|wire transfer|withdraw|überweisen|virement)(?![\p{L}])/iu, 'moves money'],
  [/削除|购买|購入|送信|发送|發送|支払|支付|付款|注文|下单|退出登录|ログアウト|삭제|구매|결제|전송|주문|로그아웃/u, 'cannot be undone'],
];

/** The two words above that are nouns as often as verbs. */
const NOUN_REASONS: ReadonlySet<string> = new Set(['orders', 'posts']);
/**
 * Their noun uses, read past by those two rules only: "Open order 42", "Order history", "My orders", "Next post",
 * "Orders" alone (a menu link), "Sort order". "Order", "Order now", "Place my order", "Post comment" still ask; so does
 * "Order 42" (it could be an amount), and the other rules still read the whole label ("Cancel my order").
 */
const NOUN_USE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:(?:open|view|track|see|show|read|edit|find|search|sort|filter|print|download|share|copy|my|your|our|his|her|their|the|this|that|these|those|previous|prev|next|older|newer|latest|recent|all|past|last|first|related|popular|top|new|blog)\s+(?:[\p{L}\p{N}]+\s+)?(?:orders?|posts?)(?![\p{L}\p{N}])|(?:orders?|posts?)\s+(?:#|(?:no|number|history|details|status|summary|id|date|total|tracking|list|archive|page|title|by)(?![\p{L}\p{N}]))|^\s*(?:orders|posts)\s*$)`, 'giu');
/** The same words as what a verb acts on, which reading past "my order" must not lose: "Place my order". */
const NOUN_ACTED_ON = word('(?:place|complete|finish|finali[sz]e|submit|confirm|send)(?: (?:my|your|the|this|an|a))? orders?|(?:publish|submit|send|share)(?: (?:my|your|the|this|a))? posts?');
const withoutNounUses = (text: string) => (NOUN_ACTED_ON.test(text) ? text : text.replace(NOUN_USE, ' '));

// Letters that look like Latin ones (Cyrillic, Greek): "Dеlete" with a Cyrillic е reads as "Delete" to a person.
const LOOKALIKES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', һ: 'h', ԛ: 'q', ԝ: 'w',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', Α: 'A', Β: 'B', Ε: 'E', Η: 'H', Ι: 'I',
  Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Χ: 'X', Υ: 'Y', Ζ: 'Z',
};

/**
 * The words a person reads: compatibility forms folded (fullwidth "Ｄelete"), invisible format characters dropped
 * (a zero-width space inside "Del​ete"), look-alike letters read as Latin, `_ - . /` and case changes as spaces.
 */
export function readableWords(text: string): string {
  return text.slice(0, 1000).normalize('NFKC').replace(/\p{Cf}/gu, '')
    .replace(/[\u0370-\u03ff\u0400-\u052f]/g, (ch) => LOOKALIKES[ch] ?? ch)
    .replace(/[_\-./]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').slice(0, 500);
}
const words = readableWords;

export function classifyAction(facts: ActionFacts): Verdict {
  if (!ACTIVATING.has(facts.action)) return { irreversible: false };
  if (facts.submits && !facts.searchForm) return { irreversible: true, reason: 'submits a form' };
  const label = words(facts.label);
  const labelNouns = withoutNounUses(label);
  for (const [pattern, reason] of WORDS) {
    if (pattern.test(NOUN_REASONS.has(reason) ? labelNouns : label)) return { irreversible: true, reason: `its label means it ${reason}` };
  }
  // An effect such as "goes to /account/logout" or "submits Delete account"; a search form's submit is not one
  // (`submits search_mail`, `submits searchform`: the executor checks on the live form that it is a GET search).
  const effect = words(facts.effect ?? '');
  if (/\bsubmits\b/i.test(effect) && !facts.searchForm && !/\bsearch(?:form|box|bar)?\b/i.test(effect)) return { irreversible: true, reason: 'submits a form' };
  // An address names what is there: `/orders/42`, `/posts/hello` are pages about orders and posts.
  const address = /^\s*(?:goes to|opens)\b/i.test(effect);
  for (const [pattern, reason] of WORDS) {
    if (address && NOUN_REASONS.has(reason)) continue;
    if (pattern.test(effect)) return { irreversible: true, reason: `its effect means it ${reason}` };
  }
  return { irreversible: false };
}

/** An address with its %-escapes decoded (repeatedly: `%256F` is `%6F` is `o`); undefined when it does not decode. */
export function decodedAddress(path: string): string | undefined {
  let text = path.replace(/\+/g, ' ');
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(text);
    } catch {
      return undefined;
    }
    if (next === text) return text;
    text = next;
  }
  return undefined;
}
