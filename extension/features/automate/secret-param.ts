import { PASSWORD_WORDS_ELSEWHERE } from '../../content/document/classify.ts';
import { readableWords } from '../../content/executor/irreversible.ts';

/**
 * Which `{{param}}`s of a saved script hold a secret (their field hides what is typed). Judged by the name's words,
 * not by its letters: `{{passenger}}`, `{{shipping_address}}` and `{{postcode}}` are not secrets, `{{pwd}}` is.
 */

/** A word that makes its parameter secret wherever it stands in the name. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'pwd', 'pw', 'pass', 'passcode', 'passphrase', 'pin', 'secret', 'token', 'otp', 'totp', 'cvc', 'cvv',
  'csc', 'card', 'cardnumber', 'ssn', 'apikey', 'credential', 'credentials',
]);

/** "code" is secret (security_code, sms_code, a lone code) unless one of these says what kind of public code it is. */
const PUBLIC_CODES: ReadonlySet<string> = new Set([
  'zip', 'post', 'postal', 'country', 'area', 'dial', 'promo', 'promotion', 'coupon', 'discount', 'voucher', 'gift', 'product',
  'item', 'article', 'language', 'lang', 'locale', 'currency', 'airport', 'station', 'tracking', 'reference', 'ref', 'color',
  'colour', 'source', 'html', 'qr', 'bar', 'barcode', 'sku', 'region', 'state', 'city', 'iata', 'class', 'course', 'status',
]);

/** "key" is secret after these (api_key, privateKey), not alone (a sort key, a keyboard key). */
const SECRET_KEYS: ReadonlySet<string> = new Set(['api', 'private', 'access', 'secret', 'license', 'licence', 'auth', 'signing']);

/** The words of a parameter name: split at `_`, `-`, digits and camelCase humps, lower-cased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

export function isSecretParam(name: string): boolean {
  const words = nameWords(name);
  return words.some((word, i) => SECRET_WORDS.has(word)
    || (word === 'code' && !PUBLIC_CODES.has(words[i - 1] ?? ''))
    || (word === 'key' && SECRET_KEYS.has(words[i - 1] ?? '')));
}

/**
 * Words of an ask() question that asks for a secret (look-alike letters read as Latin first). A token, a PIN, an
 * expiry, a code or a secret only with what says it is one ("access token", "your PIN", "card expiry", "verification
 * code", "secret key"): "the token count", "a pin on the map", "the expiry date of the milk", "a one-time purchase",
 * "the secret ingredient" and "the credentials page" are not.
 */
const SECRET_QUESTION = new RegExp([
  String.raw`pass ?words?|passcodes?|pass ?phrases?|your pins?|pin (?:codes?|numbers?)|one[ -]?time (?:pass ?words?|passcodes?|codes?|pins?|tokens?|keys?)`,
  String.raw`otp|2fa|mfa|two[ -]?factor|2[ -]?step|two[ -]?step`,
  String.raw`(?:verification|security|confirmation|sms|text|authenticat\w*|login|sign[ -]?in|access|recovery|backup|auth|2fa|otp|mfa|secret) (?:codes?|keys?|phrases?|answers?)`,
  String.raw`\d+ ?digits? (?:\w+ )?codes?|(?:six|eight|four)[ -]digits? (?:\w+ )?codes?|codes? (?:we )?(?:sent|texted|emailed)|codes? (?:from|in|on) (?:the |your |my )?(?:sms|text(?: message)?|authenticator(?: app)?|app|phone|email)`,
  String.raw`security (?:questions?|answers?)|maiden name`,
  String.raw`(?:credit|debit|bank) ?cards?|card (?:numbers?|details|no)|cvv2?|cvc2?|csc|card(?:'?s)? (?:expiry|expiration)|(?:expiry|expiration)(?: date)? (?:of|on) (?:the |your |my )?card`,
  String.raw`social security|ssn|iban|routing numbers?|account numbers?|sort codes?|tax (?:id|number)|seed phrases?|mnemonic|private keys?|api keys?|access keys?`,
  String.raw`(?:access|auth|authentication|api|bearer|refresh|session|security|personal access) tokens?|client secrets?|(?:api|app|shared) secrets?`,
  String.raw`(?:your|my|login|account|sign[ -]?in|admin|aws|api|the) credentials?(?! (?:page|section|tab|settings|menu|link|screen))`,
].join('|'), 'i');
const SECRET_ASKED = new RegExp(`(?<![\\p{L}\\p{N}])(?:${SECRET_QUESTION.source})(?![\\p{L}\\p{N}])`, 'iu');
/** A PIN in capitals ("Which PIN?"): the bank's, not a pin on a map or a pinned message. */
const CAPITAL_PIN = /(?<![\p{L}\p{N}])PINs?(?![\p{L}\p{N}])/u;
/**
 * "Password" and a sent code in other languages, read as written (folding look-alike letters would turn "пароль"
 * into other letters): the words the page document's sensitive-field rule knows (content/document/classify.ts).
 */
const SECRET_OTHER_LANGUAGES = new RegExp([...PASSWORD_WORDS_ELSEWHERE, 'geheimzahl', 'код подтверждения'].join('|'), 'iu');

/** The question asks for a password, a code, a card number or another secret. */
export function asksForSecret(question: string): boolean {
  const text = question.slice(0, 1000);
  const readable = readableWords(text).replace(/\s+/g, ' ');
  return SECRET_ASKED.test(readable) || CAPITAL_PIN.test(readable) || SECRET_OTHER_LANGUAGES.test(text.normalize('NFKC'));
}

/** A secret question that asks for a code sent or shown to the user (a one-time, SMS or authenticator code), not a password. */
export function asksForCode(question: string): boolean {
  const readable = readableWords(question.slice(0, 1000)).replace(/\s+/g, ' ');
  return !/pass ?words?|passphrases?|(?<![\p{L}])pass(?![\p{L}])/iu.test(readable)
    && /(?<![\p{L}\p{N}])(?:codes?|otp|totp|2fa|mfa|one[ -]?time|digits?|code de vérification|bestätigungscode)(?![\p{L}\p{N}])/iu.test(readable);
}
