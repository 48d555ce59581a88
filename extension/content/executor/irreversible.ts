/**
 * Which actions cannot be taken back: form submits (other than GET ones that only read) and buttons or links whose
 * label or effect means send, pay, buy, order, delete, remove, publish, post, confirm or log out — or wipes, resets,
 * revokes, terminates, empties a bin, moves money, books or signs. Pure, so the side panel (on the document entry) and the
 * content executor (on the live element) classify with the same rule.
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
  /**
   * That form goes with GET, as its markup says, and nothing about where it goes or what it sends says it changes
   * something (getSubmissionReads; a chapter picker's "Go", a filter or sort form): submitting it only reads, as a
   * search does, and its words alone can make it irreversible ("Delete drafts"). One to another site is refused before
   * any verdict (a run stays on its site).
   */
  readsOnly?: boolean | undefined;
}

export interface Verdict {
  irreversible: boolean;
  reason?: string;
}

/** Checking a box or typing is undone by doing the opposite; what they lead to (a submit) is gated itself. */
const ACTIVATING = new Set(['click', 'open']);

/** Whole words in any script: `\b` only knows ASCII letters ("löschen", "削除"). */
const word = (alternatives: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');

/** "all", but not "all filters" (a shop's "Clear all filters", "Reset all filters" only change what is shown). */
const ALL_BUT_FILTERS = String.raw`all(?! (?:filters?|selections?|search(?:es)?|fields?|tags?|facets?|sorting))`;

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
  [/削除|删除|刪除|移除|购买|購入|送信|发送|發送|支払|支付|付款|注文|下单|退出登录|ログアウト|삭제|구매|결제|전송|주문|로그아웃/u, 'cannot be undone'],
  // The wastebasket drawn as an emoji ("🗑", "🗑️"): an icon-only delete button, whatever its title says.
  [/\u{1F5D1}/u, 'deletes'],
  [word(String.raw`wipe|wipes|factory reset|reset (?:${ALL_BUT_FILTERS}|everything|(?:all |my |the )?(?:settings|data|account|device|preferences|progress|password))|resets|zurücksetzen|réinitialiser|restablecer`), 'wipes or resets'],
  [word('revoke|revokes|widerrufen|révoquer|revocar'), 'revokes'],
  [word('terminate|terminates|shut ?down|kill'), 'terminates'],
  [word(String.raw`clear (?:${ALL_BUT_FILTERS}|everything|(?:all |my |the )?(?:data|history|cache|cookies|cart|basket|storage|messages|chat|conversation|inbox|notes))|empty (?:the |this )?(?:bin|trash|recycle bin|wastebasket|cart|basket|folder)|purge|leeren|vider|vaciar`), 'clears or empties'],
  // An amount of money after "transfer" ("Transfer €500 to Bob", "Transfer 20 USD"); "Transfer 2 files" is not one.
  [/(?<![\p{L}])transfer\s+(?:\p{Sc}\s*\d|\d[\d.,\s]*(?:\p{Sc}|usd|eur|gbp|chf|jpy|dollars?|euros?|pounds?)(?![\p{L}]))/iu, 'moves money'],
  [word('book now|book (?:it|this|a room|a table|tickets?|(?:the |a )?flight|(?:an |the )?appointment)|reserve now|buchen|réserver|reservar'), 'books'],
  [word('accept and sign|sign and (?:accept|submit|send)|e ?sign|sign (?:the )?(?:contract|agreement|document)|unterschreiben|signer'), 'signs'],
  // Posts that others read at once. Not "Reply", "Reply all", "Leave a comment", "Forward" or "Share" alone: those
  // mostly open a form or a sheet (whose Send or Post is asked about), or page on, like "Back".
  [word('tweet|retweet|repost|send reply|submit (?:reply|comment)|share (?:now|publicly|post|it)'), 'sends or posts'],
  // "Merge" alone, or what merges code; not "Merge cells", "Merge PDF", "Merge contacts" (an editor's tools).
  [/^\s*merge\s*$|(?<![\p{L}\p{N}])(?:merge (?:(?:the |this )?(?:pull request|branch|pr|request))|squash and merge|rebase and merge|force push)(?![\p{L}\p{N}])/iu, 'merges'],
  [word('approve|approves|genehmigen|approuver|aprobar'), 'approves'],
  // Ties to people and groups, and who owns what (explorer, session 40): not "Block" or "Leave" alone (a layout's
  // block, "Leave a comment").
  [word(String.raw`leave (?:the |this )?(?:group|team|organi[sz]ation|workspace|channel|server|community|conversation|chat)|block (?:this )?(?:user|member|account|contact|person)|ban|bans|ban (?:this )?(?:user|member)|unfriend|transfer ownership|disconnect (?:(?:your |my |the |this )?[\p{L}]+ )?(?:account|integration|app)`), 'changes who you are connected to'],
  [word('uninstall|deinstallieren|désinstaller|desinstalar'), 'removes'],
  // The account's locks: turning off a second factor. Not "Change password" or "Change email": such a link or button
  // opens a form, and that form's submit is asked about (a submit button is asked about as one).
  [word(String.raw`(?:disable|turn off|remove|deactivate) (?:(?:the |your |my )?(?:2fa|two[ -]?factor(?: authentication)?|2[ -]?step(?: verification)?|two[ -]?step(?: verification)?|mfa|multi[ -]?factor(?: authentication)?|passkeys?|security keys?))`), 'changes how the account is secured'],
  // A bid, a refund, a tip: money moves (the words alone, or with what says so; not "Refund policy", "Tip: …").
  [/^\s*(?:bid|tip|refund)\s*$|(?<![\p{L}])(?:place (?:a |my |your )?bid|bid now|confirm (?:your |my )?bid|issue (?:a )?refund|refund (?:now|payment|(?:this|the) (?:order|payment|purchase)|\p{Sc}?\s*\d)|(?:send|leave|add) (?:a )?tip|tip (?:\p{Sc}\s*)?\d)(?![\p{L}])/iu, 'moves money'],
];

/**
 * Scripts other than Latin, matched on the label before look-alike letters are folded (that folding would turn
 * "Удалить" into "Yдaлить"): delete, send, pay, buy, order, log out, confirm, publish in Russian, Ukrainian, Polish,
 * Turkish, Greek, Arabic, Hebrew, Hindi, and a few more Latin-script languages the list above lacks.
 */
const OTHER_SCRIPTS: Array<[RegExp, string]> = [
  [word('удалить|удалите|удаление|видалити|usuń|usun|sil|silin|διαγραφή|διαγραφη|حذف|احذف|מחק|מחיקה|हटाएं|हटाएँ|मिटाएं|apagar|radera|xóa|hapus|cancella'), 'deletes'],
  [word('отправить|надіслати|wyślij|gönder|αποστολή|إرسال|أرسل|ارسال|שלח|भेजें|skicka|gửi|kirim'), 'sends'],
  [word('оплатить|оплатити|zapłać|öde|ödeme yap|πληρωμή|ادفع|دفع|שלם|भुगतान करें|betala|thanh toán|bayar'), 'pays'],
  [word('купить|купити|kup|kup teraz|satın al|αγορά|شراء|اشتر|קנה|खरीदें|köp|mua|beli'), 'buys'],
  [word('заказать|zamów|sipariş ver|παραγγελία|اطلب|הזמן עכשיו|בצע הזמנה|ऑर्डर करें|beställ|đặt hàng|pesan sekarang'), 'orders'],
  [word('выйти|вийти|wyloguj|çıkış yap|αποσύνδεση|تسجيل الخروج|התנתק|लॉग आउट|logga ut|đăng xuất|keluar'), 'logs out'],
  [word('подтвердить|підтвердити|potwierdź|onayla|επιβεβαίωση|تأكيد|אישור|אשר הזמנה|पुष्टि करें|bekräfta|xác nhận|konfirmasi'), 'confirms'],
  [word('опубликовать|опублікувати|opublikuj|yayınla|δημοσίευση|نشر|פרסם|प्रकाशित करें|publicera|đăng bài|terbitkan'), 'publishes'],
];

/**
 * What no one sees: format characters (a zero-width space, a bidi mark) and the other default-ignorable code points
 * (U+034F, variation selectors, the Hangul fillers U+115F/U+1160/U+3164/U+FFA0, tags).
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** Page text as written (compatibility forms folded, invisible characters dropped), letters not folded. */
const asWritten = (text: string) => text.slice(0, 1000).normalize('NFKC').replace(INVISIBLE, '').slice(0, 500);

/** The two words above that are nouns as often as verbs. */
const NOUN_REASONS: ReadonlySet<string> = new Set(['orders', 'posts']);
/**
 * A label that is, as a whole, a noun phrase of a known shape does not ask for them: "Orders", "My orders", "Order
 * history", "Order #1042", "Order 42", "Open order 42", "View your order", "Track order", "Next post", "Blog posts",
 * "Sort order", "Order by date". Anything else with those words still asks: "Order", "Order now", "Cancel your
 * order", "Place new order", a list's "Your orders" with its "cancel" field. Only the orders and posts rules are
 * skipped; the others still read the label.
 */
const READING = 'open|view|track|see|show|read|print|download';
const DETERMINER = 'my|your|our|the|this|all|past|recent|previous|prev|next|older|newer|latest|related|popular|top|blog';
const NOUN_TAIL = String.raw`\s+#?\s*\d+|\s+(?:history|details|status|summary|list|archive|number|id|date|total|tracking)`;
// "Order" and "Post" alone are verbs; led by a reading verb or a determiner, or followed by what names one, nouns.
const NOUN_LABEL = new RegExp([
  String.raw`^\s*(?:(?:${READING})\s+)?(?:(?:${DETERMINER})\s+)?(?:orders|posts)(?:${NOUN_TAIL})?\s*$`,
  String.raw`^\s*(?:(?:${READING})\s+(?:(?:${DETERMINER})\s+)?|(?:${DETERMINER})\s+)(?:order|post)(?:${NOUN_TAIL})?\s*$`,
  String.raw`^\s*(?:order|post)(?:${NOUN_TAIL})\s*$`,
  String.raw`^\s*sort\s+order\s*$`,
  String.raw`^\s*order\s+by\s+[\p{L}\p{N}]+(?:\s+[\p{L}\p{N}]+)?\s*$`,
].join('|'), 'iu');
/**
 * An order or a post named by its number in brackets, as a title's note ("Lost cat near the park (post 3)", "Refund
 * [order #1042]" keeps its "Refund"): only the orders and posts rules read the label without it (explorer, session 39:
 * a feed's link asked for confirmation). Not a number anywhere ("Order #1042 again", "Re-order #1042", "Order 2 ($19)"
 * are acts; review, session 40), and what stands outside the brackets is still read ("Post (post 3)" asks).
 */
const NUMBERED_NOUN = /[([](?:\s*(?:orders?|posts?)\s*(?:#|no\.?|nr\.?)?\s*\d+\s*)[)\]]/giu;
const withoutNumberedNouns = (text: string) => text.replace(NUMBERED_NOUN, ' ');
/** The same in an address: an in-page anchor named so, the whole fragment (`#post-3`, `#order_12`; not `/order-1-click`). */
const ADDRESS_NOUN = /(?<!\S)#(?:orders?|posts?)[-_]?\d+(?!\S)/giu;

/**
 * An address that names an order or a post, or their list, and nothing else: `/orders`, `/account/orders/42`,
 * `/posts/hello-world`, a page file `/site/orders.html` (explorer, session 32). Its page is about orders;
 * `/orders/42/cancel`, `/order-now`, `/quick-order` or a query (`/orders?do=…`) still ask.
 */
const COLLECTION_ADDRESS = /^(?:https?:\/\/[^/?#\s]+)?(?:\/[\p{L}\p{N}_.~-]+)*?\/(?:orders?(?:\.(?:html?|php|aspx?|jsp))?(?:\/(?=[\p{L}\p{N}-]*\d)[\p{L}\p{N}-]{1,40})?|posts?(?:\.(?:html?|php|aspx?|jsp))?(?:\/[\p{L}\p{N}_-]{1,120})?)\/?(?:#\S*)?$/iu;
/** The effect is a move to such addresses: the document's "goes to X" / "opens X in a new tab", the executor's href. */
function collectionAddress(effect: string): boolean {
  const m = /^(?:goes to |opens )?(\S+)(?: (\S+))?(?: in a new tab)?$/.exec(effect.trim());
  return !!m && [m[1], m[2]].every((address) => address === undefined || COLLECTION_ADDRESS.test(address));
}

/**
 * Letters that look like Latin ones: "Dеlete" with a Cyrillic е reads as "Delete" to a person. Cyrillic, Greek,
 * Cherokee (its small letters are upper-cased first), Armenian, small capitals and a few Latin variants (ɑ, ı, ɡ);
 * fullwidth and mathematical letters are folded by NFKD before.
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', һ: 'h', ԛ: 'q', ԝ: 'w',
  ү: 'y', ɡ: 'g', ԍ: 'g', ѵ: 'v', ԋ: 'h',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ѕ: 'S', Ј: 'J',
  Ԛ: 'Q', Ԝ: 'W', Ү: 'Y', Ӏ: 'I', Һ: 'H', Ԍ: 'G', Ѵ: 'V',
  // Greek
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j', Α: 'A', Β: 'B', Ε: 'E',
  Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Χ: 'X', Υ: 'Y', Ζ: 'Z', Ϲ: 'C', Ϳ: 'J',
  // Cherokee
  Ꭰ: 'D', Ꭱ: 'R', Ꭲ: 'T', Ꭵ: 'i', Ꭹ: 'y', Ꭺ: 'A', Ꭻ: 'J', Ꭼ: 'E', Ꮃ: 'W', Ꮇ: 'M', Ꮋ: 'H', Ꮐ: 'G', Ꮒ: 'h', Ꮓ: 'Z',
  Ꮟ: 'b', Ꮢ: 'R', Ꮤ: 'W', Ꮥ: 'S', Ꮩ: 'V', Ꮪ: 'S', Ꮮ: 'L', Ꮯ: 'C', Ꮲ: 'P', Ꮶ: 'K', Ᏼ: 'B',
  // Armenian
  ա: 'w', հ: 'h', ո: 'n', ս: 'u', զ: 'q', ց: 'g', օ: 'o', ք: 'p', Օ: 'O', Ս: 'U', Տ: 'S', Լ: 'L',
  // Small capitals
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n',
  ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  // Latin variants
  ɑ: 'a', ı: 'i', ȷ: 'j', ℓ: 'l',
};

/** A letter read as the Latin one it looks like (Cherokee's small letters by their capitals). */
function latinLookalike(ch: string): string {
  const mapped = LOOKALIKES[ch];
  if (mapped) return mapped;
  return /[\uab70-\uabbf\u13f8-\u13fd]/u.test(ch) ? LOOKALIKES[ch.toUpperCase()] ?? ch : ch;
}

/** `_ - . /` and case changes as spaces, at most 500 characters. */
const spaced = (text: string) => text.replace(/[_\-./]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').slice(0, 500);

/**
 * The words a person reads: compatibility forms folded (fullwidth "Ｄelete", mathematical "𝐒𝐞𝐧𝐝"), invisible
 * characters dropped (a zero-width space inside "Del​ete", U+034F, a variation selector), accents and other marks
 * dropped (a combining underline inside "De̲lete"), look-alike letters read as Latin, `_ - . /` and case changes as
 * spaces.
 */
export function readableWords(text: string): string {
  return spaced(folded(text));
}
const words = readableWords;

/** Folded as readableWords does, before `spaced`; invisible characters dropped, or read as spaces (`asSpaces`). */
const folded = (text: string, asSpaces = false) => text.slice(0, 1000).normalize('NFKD').replace(INVISIBLE, asSpaces ? invisibleAsSpace : () => '')
  .replace(/\p{M}/gu, '').replace(/[^\u0000-\u007f]/gu, latinLookalike);

/** What follows an invisible character inside one word: a suffix ("Send\u00ADer", "Confirm\u200Bation", "Post\u200Beingang"). */
const SUFFIX = /^(?:e[rd]s?|ings?|als?|able|ations?|ments?|ees?|ly|ure|eingang|fach|leitzahl)(?![\p{L}\p{N}])/iu;
/**
 * Words joined from two that are words themselves ("Post\u200Bcode", "Pay\u200Bpal", "Pay\u200Bout"); not "Remove\u200Bcard"
 * nor "Send\u200Bit", read as two.
 */
const COMPOUND = /^(?:post(?:codes?|cards?|man|age|box|marks?)|pay(?:pals?|rolls?|outs?|days?|walls?|checks?|slips?)|(?:buy|check|log|sign|send|sell|sold|cash|take|print|work)outs?)$/iu;
const INVISIBLES = new RegExp(INVISIBLE.source, 'gu');
/**
 * An invisible character read as the space it may stand for ("Pay\u180Enow" shows as "Paynow", "Send\u200Bmessage"),
 * unless what follows ends the word before: a suffix, or the end of a compound. A soft hyphen never is a space. Not
 * only before a few words (review, session 24): "Transfer\u200Bfunds" and "Cancel\u200Bsubscription" were read joined.
 */
function invisibleAsSpace(ch: string, at: number, text: string): string {
  if (ch === '\u00AD') return '';
  const after = text.slice(at + ch.length, at + ch.length + 60).replace(INVISIBLES, '');
  if (SUFFIX.test(after)) return '';
  const before = /[\p{L}\p{M}\p{N}]*$/u.exec(text.slice(Math.max(0, at - 60), at).replace(INVISIBLES, ''))![0];
  const next = /^[\p{L}\p{M}\p{N}]*/u.exec(after)![0];
  return COMPOUND.test(`${before}${next}`.replace(/\p{M}/gu, '')) ? '' : ' ';
}

/**
 * Three or more single letters, a separator between each: "D e l e t e", "P-a-y", "S.e.n.d", "D - e - l", "D·e·l",
 * "D/e/l", "D:e:l", "D, e, l"; words apart ("P a y  n o w") are joined one by one (spacedOutWords).
 */
const SPACED_OUT = /(?<![\p{L}\p{N}])[\p{L}\p{N}](?:(?:\s*[\-._*~+·/:,]\s*|\s+)[\p{L}\p{N}]){2,}(?![\p{L}\p{N}])/gu;
/**
 * A spaced-out run with its letters joined: the separator used most (the shortest of those used as often) is the one
 * between letters; any other (two spaces, " / ", a space between "P_a_y" and "n_o_w") is between words, and reads as
 * a space. Joined whole, "P a y  n o w" read "Paynow" (review, session 24).
 */
function spacedOutWords(run: string): string {
  const counts = new Map<string, number>();
  for (const gap of run.match(/[^\p{L}\p{N}]+/gu) ?? []) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  const between = [...counts].sort(([a, m], [b, n]) => n - m || a.length - b.length)[0]?.[0];
  return run.replace(/[^\p{L}\p{N}]+/gu, (gap) => (gap === between ? '' : ' '));
}
/** Characters that stand for a letter inside a word ("De1ete", "P0st", "De|ete", "$end", "De!ete"). */
const LETTER_LIKE: Record<string, string> = { 0: 'o', 1: 'l', 3: 'e', 4: 'a', 5: 's', 7: 't', '|': 'l', '@': 'a', $: 's', '!': 'l' };
/** The same, where the sign stands for an i ("Subm1t", "Conf1rm", "Subm!t"). */
const LETTER_LIKE_I: Record<string, string> = { ...LETTER_LIKE, 1: 'i', '!': 'i' };
/** A word as ASCII may write it: letters, digits, `| @ $`, and `!` inside it ("Subm!t", not "Go!"). */
const LOOKALIKE_TOKEN = /[\p{L}\p{N}|@$]+(?:![\p{L}\p{N}|@$]+)*/gu;

/**
 * A label as it reads when plain ASCII imitates letters (exploratory test, session 24): single letters spaced out
 * joined, digits and signs inside a word that has letters read as those letters, and a capital I beside a small
 * letter as the l it looks like in most fonts ("deIete", "Iogout"). An addition to the other readings, never instead:
 * "Pay1" still reads "Pay" there.
 */
function unobscured(text: string, letters = LETTER_LIKE): string {
  return text.replace(SPACED_OUT, spacedOutWords)
    .replace(LOOKALIKE_TOKEN, (token) => {
      if (!/\p{L}/u.test(token) || !/[^\p{L}]/u.test(token)) return token;
      // In the token's case: "DEL3TE" is "DELETE", not "DELeTE" (read "DE Le TE") (review, session 24).
      const upper = !/\p{Ll}/u.test(token);
      return token.replace(/[013457|@$!]/g, (c) => (upper ? letters[c]!.toUpperCase() : letters[c]!));
    })
    .replace(/(?<=\p{Ll})I|I(?=\p{Ll})/gu, 'l');
}

/**
 * Every reading of a label that is matched against the word lists: as a person reads it (readableWords), with its
 * accents (accentedWords), and with ASCII look-alikes undone — once with invisible characters dropped ("Del\u200Bete"),
 * once with them as spaces where one may stand ("Pay\u180Enow" shows as "Paynow", read "Pay now"), with accents dropped
 * and kept, and with a 1 or ! read as an l ("De1ete") and as an i ("Subm1t").
 */
function readings(text: string): Set<string> {
  const plain = [folded(text), folded(text, true), accented(text), accented(text, true)];
  return new Set([words(text), accentedWords(text), ...plain.map((t) => spaced(unobscured(t))), ...plain.map((t) => spaced(unobscured(t, LETTER_LIKE_I)))]);
}

/** As readableWords, accents kept ("löschen", "déconnexion" are words of the list as they are written). */
const accentedWords = (text: string) => spaced(accented(text));
const accented = (text: string, asSpaces = false) => text.slice(0, 1000).normalize('NFKC').replace(INVISIBLE, asSpaces ? invisibleAsSpace : () => '')
  .replace(/[^\u0000-\u007f]/gu, latinLookalike).normalize('NFC');

/**
 * A label as it shows: text after a right-to-left override (U+202E, up to its U+202C) is drawn reversed, so
 * "\u202Etnuocca eteleD" reads "Delete account" on the screen. Undefined when the label has no override.
 */
export function displayedLabel(text: string): string | undefined {
  if (!text.includes('\u202E')) return undefined;
  return text.replace(/\u202E([^\u202C]*)\u202C?/g, (_, segment: string) => [...segment].reverse().join(''));
}

/** `skip`: reasons not to read the text for (a form field's "order" or "post" names no act). */
function labelVerdict(text: string, what = 'label', skip?: ReadonlySet<string>): Verdict | undefined {
  for (const label of readings(text)) {
    const nounLabel = NOUN_LABEL.test(label);
    const nounless = withoutNumberedNouns(label);
    for (const [pattern, reason] of WORDS) {
      if ((nounLabel && NOUN_REASONS.has(reason)) || skip?.has(reason)) continue;
      if (pattern.test(NOUN_REASONS.has(reason) ? nounless : label)) return { irreversible: true, reason: `its ${what} means it ${reason}` };
    }
  }
  const written = asWritten(text);
  for (const [pattern, reason] of OTHER_SCRIPTS) {
    if (pattern.test(written)) return { irreversible: true, reason: `its ${what} means it ${reason}` };
  }
  return undefined;
}

/**
 * What a choice's words must mean to be asked about: that ticking it or choosing it destroys the user's account or
 * data, moves money or unlocks the account now. A destructive verb with what names the whole of something ("Delete
 * everything", "Remove all members", "Delete my account", "Reset all settings", "Close account", "Konto löschen"), a
 * transfer of money, turning off a second factor. Not a preference or a to-do that merely has such a verb ("Delete
 * messages after reading", "Clear cache on exit", "Remove duplicates", "Remove weeds from the garden", "Trash can
 * sizes", "Tip 15%"): the form's own submit (asked about) sends those. Nor sending, subscribing, posting or paying
 * ("Send me the newsletter", "Pay monthly").
 */
const WHOLE = String.raw`(?:(?:the|your|my|this|our|entire|whole) )*(?:account|accounts|profile|workspace|organi[sz]ation|repository|database)`;
const CHOICE_WORDS: Array<[RegExp, string]> = [
  [word(String.raw`(?:delete|erase|destroy|wipe|purge|trash) (?:${WHOLE}|everything|${ALL_BUT_FILTERS}|(?:all )?(?:my|your) [\p{L}\p{N}]+)`), 'deletes'],
  [word(String.raw`(?:remove|clear|empty) (?:${WHOLE}|everything|${ALL_BUT_FILTERS}|(?:all )?my [\p{L}\p{N}]+)`), 'removes'],
  [word(String.raw`factory reset|reset (?:${WHOLE}|everything|${ALL_BUT_FILTERS}|(?:all )?my [\p{L}\p{N}]+)`), 'wipes or resets'],
  [word(String.raw`(?:revoke|terminate) (?:${WHOLE}|everything|${ALL_BUT_FILTERS}|access|(?:all )?(?:my |your |the )?(?:api )?(?:keys?|tokens?|sessions?))`), 'revokes'],
  [word(String.raw`(?:close|deactivate|cancel) (?:${WHOLE})`), 'closes the account'],
  [/^\s*transfer\s*$|(?<![\p{L}])(transfer (?:money|funds|now)|wire transfer|withdraw|überweisen|virement)(?![\p{L}])/iu, 'moves money'],
  [/(?<![\p{L}])transfer\s+(?:\p{Sc}\s*\d|\d[\d.,\s]*(?:\p{Sc}|usd|eur|gbp|chf|jpy|dollars?|euros?|pounds?)(?![\p{L}]))/iu, 'moves money'],
  [word(String.raw`(?:disable|turn off|remove|deactivate) (?:(?:the |your |my )?(?:2fa|two[ -]?factor(?: authentication)?|2[ -]?step(?: verification)?|two[ -]?step(?: verification)?|mfa|multi[ -]?factor(?: authentication)?|passkeys?|security keys?))`), 'changes how the account is secured'],
];
/** Other languages: a delete word and the account or everything, in either order ("Konto löschen", "Supprimer mon compte", "アカウント削除"). */
const DELETE_ANYWHERE = /(?<![\p{L}])(?:löschen|entfernen|supprimer|eliminar|borrar|elimina|excluir|verwijderen|удалить|видалити|usuń|sil)(?![\p{L}])|削除|삭제|删除|刪除/iu;
const WHOLE_ANYWHERE = /(?<![\p{L}])(?:konto|compte|cuenta|conta|account|profil|alles|tout|todo|tutto|аккаунт|учётную запись|учетную запись|профиль|wszystko|hesabı|hesabimi|hesabımı)(?![\p{L}])|アカウント|すべて|계정|모두|账户|账号|帳戶|全部/iu;
/** What says the choice is a setting for later or a filter, not an act now. */
const NOT_NOW = /(?<![\p{L}])(?:after|on exit|on close|on logout|when|whenever|automatically|auto|duplicates?|older than|every|nach|après|después)(?![\p{L}])/iu;

function choiceVerdict(text: string, what: string): Verdict | undefined {
  for (const label of new Set([...readings(text), asWritten(text)])) {
    if (NOT_NOW.test(label)) return undefined;
    for (const [pattern, reason] of CHOICE_WORDS) {
      if (pattern.test(label)) return { irreversible: true, reason: `its ${what} means it ${reason}` };
    }
    if (DELETE_ANYWHERE.test(label) && WHOLE_ANYWHERE.test(label)) return { irreversible: true, reason: `its ${what} means it deletes` };
  }
  return undefined;
}

/**
 * A choice that acts as it is made: the option chosen in a select ("Delete everything"), or a box ticked ("Delete my
 * account"), read with CHOICE_WORDS. A page may act on `change` at once; what the choice sends with a form is asked
 * about when the form goes. Unticking is not asked about (it is how a box is undone), and neither is hover: pointing
 * at something acts on nothing a person would have to confirm, and a page that does something irreversible on
 * mouseover could as well do it on the user's own pointer.
 */
export function classifyChoice(action: 'select' | 'check', label: string): Verdict {
  const shown = displayedLabel(label);
  const what = action === 'select' ? 'option' : 'label';
  return choiceVerdict(label, what) ?? (shown === undefined ? undefined : choiceVerdict(shown, what)) ?? { irreversible: false };
}

export function classifyAction(facts: ActionFacts): Verdict {
  if (!ACTIVATING.has(facts.action)) return { irreversible: false };
  const reads = facts.searchForm || facts.readsOnly;
  if (facts.submits && !reads) return { irreversible: true, reason: 'submits a form' };
  // The label as stored and as it shows (a page can draw "Delete account" from reversed text).
  const shown = displayedLabel(facts.label);
  const byLabel = labelVerdict(facts.label) ?? (shown === undefined ? undefined : labelVerdict(shown));
  if (byLabel) return byLabel;
  // An effect such as "goes to /account/logout" or "submits Delete account"; a search form's submit is not one
  // (`submits search_mail`, `submits searchform`: the executor checks on the live form that it is a GET search).
  const effect = words(facts.effect ?? '');
  if (/\bsubmits\b/i.test(effect) && !reads && !/\bsearch(?:form|box|bar)?\b/i.test(effect)) return { irreversible: true, reason: 'submits a form' };
  return effectVerdict(facts.effect ?? '') ?? { irreversible: false };
}

const DATED_FIELD = /([?&;])[\p{L}\p{N}_.-]{1,40}=\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?(?=[&;#\s]|$)/gu;

/** An effect ("goes to /account/logout", "submits Delete account") whose words mean an irreversible act. */
function effectVerdict(said: string): Verdict | undefined {
  // A query's field that holds a date names the date, not an act (Airbnb's listing link `?check_in=2024-06-12&check_out=…`).
  const effect = said.replace(DATED_FIELD, '$1');
  const collection = collectionAddress(effect);
  // Read as labels are: folded (look-alikes, marks), and with its accents and kana or Hangul as written
  // ("/konto/löschen", "/ログアウト", "/account/삭제": folding turns them into other words).
  const nounless = effect.replace(ADDRESS_NOUN, ' ');
  for (const [text, withoutNouns] of [[words(effect), words(nounless)], [accentedWords(effect), accentedWords(nounless)]] as const) {
    for (const [pattern, reason] of WORDS) {
      if (collection && NOUN_REASONS.has(reason)) continue;
      if (pattern.test(NOUN_REASONS.has(reason) ? withoutNouns : text)) return { irreversible: true, reason: `its effect means it ${reason}` };
    }
  }
  const written = spaced(asWritten(effect));
  for (const [pattern, reason] of OTHER_SCRIPTS) {
    if (pattern.test(written)) return { irreversible: true, reason: `its effect means it ${reason}` };
  }
  return undefined;
}

/** A field a GET form sends that the page or the user chose, not typed: its name and value. */
export interface SentField {
  name: string;
  value: string;
}

/**
 * A field that carries a command rather than a filter: WordPress's bulk `action` and `action2`, a `bulk_…` select,
 * `do`, `op`, `cmd`, `task`, a `_method` override.
 */
const COMMAND_FIELD = /^(?:action2?|actions?|do|op|cmd|command|task|operation|_?method|verb)$|bulk/i;
/** A command field's value that chooses none: WordPress's "-1" ("Bulk actions"), nothing, "none", "0". */
const NO_COMMAND = /^\s*(?:-1|0|none|null)?\s*$/i;
/** A token against forged requests: a form that carries one is one whose sending changes something. */
const FORGERY_TOKEN = /nonce|csrf|xsrf|authenticity[_-]?token|verification[_-]?token|^_?token$/i;
/** Words of a field's name or value that name no act: "order" and "post" sort and filter ("orderby", "post_type"). */
const FIELD_NOUNS: ReadonlySet<string> = new Set(['orders', 'posts', 'submits']);

/**
 * Whether a submission sent with GET only reads (a chapter picker's "Go", a filter or sort form): nothing about it says
 * that it changes something. Where it goes (`path`: the submitter's formaction or the form's action, its query left out
 * as GET replaces it) must not mean an act ("/account/delete", "/cart/pay", "/logout"), nor may a field it sends, by
 * name or value: a command chosen (WordPress's posts list is a GET form whose bulk `action` "trash" goes with "Apply"),
 * a token against forged requests, a hidden "confirm=1". Options' shown texts are not read (a chapter titled "The
 * Order" is no act); typed text is not either (what is looked for). In doubt (an address that does not decode), no.
 */
export function getSubmissionReads(path: string, fields: readonly SentField[]): boolean {
  const address = decodedAddress(path);
  if (address === undefined || effectVerdict(`goes to ${address}`)) return false;
  return !fields.some(({ name, value }) => (COMMAND_FIELD.test(name.trim()) && !NO_COMMAND.test(value)) || FORGERY_TOKEN.test(name)
    || labelVerdict(name, 'name', FIELD_NOUNS) !== undefined || labelVerdict(value, 'value', FIELD_NOUNS) !== undefined);
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
