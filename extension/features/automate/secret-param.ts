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

/** Words of an ask() question that asks for a secret (look-alike letters read as Latin first). */
const SECRET_QUESTION = new RegExp([
  String.raw`pass ?words?|passcodes?|pass ?phrases?|pins?|pin codes?|one[ -]?time|otp|2fa|mfa|two[ -]?factor|2[ -]?step|two[ -]?step`,
  String.raw`(?:verification|security|confirmation|sms|authenticat\w*|login|sign[ -]?in|access|recovery|backup|auth) (?:codes?|keys?|phrases?|answers?)`,
  String.raw`codes? (?:we )?(?:sent|texted|emailed)|(?:credit|debit|bank) ?cards?|card (?:numbers?|details|no)|cvv2?|cvc2?|csc|expiry|expiration date`,
  String.raw`social security|ssn|iban|routing numbers?|account numbers?|sort codes?|tax (?:id|number)|seed phrases?|mnemonic|private keys?|api keys?|secret(?: keys?)?|tokens?|credentials?`,
].join('|'), 'i');
const SECRET_ASKED = new RegExp(`(?<![\\p{L}\\p{N}])(?:${SECRET_QUESTION.source})(?![\\p{L}\\p{N}])`, 'iu');

/** The question asks for a password, a code, a card number or another secret. */
export function asksForSecret(question: string): boolean {
  return SECRET_ASKED.test(readableWords(question.slice(0, 1000)).replace(/\s+/g, ' '));
}
