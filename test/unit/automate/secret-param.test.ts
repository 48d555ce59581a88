import { expect, test } from 'vitest';
import { isSecretParam, nameWords } from '../../../extension/features/automate/secret-param.ts';

/** Saved-script parameters shown as password fields are judged by the name's words (exploratory test, session 22). */
test('secrets by word: pwd, pin, card codes are hidden; shipping_address, passenger, postcode and zip_code are not', () => {
  expect(nameWords('shippingAddress')).toEqual(['shipping', 'address']);
  expect(nameWords('userPWDField2')).toEqual(['user', 'pwd', 'field', '2']);
  expect(nameWords('zip-code')).toEqual(['zip', 'code']);
  for (const name of ['password', 'pwd', 'user_pwd', 'passwd', 'wifiPass', 'pin', 'card_pin', 'secret', 'api_token', 'otp', 'code',
    'sms_code', 'securityCode', 'verification_code', 'cvc', 'cvv', 'card_cvv2', 'card_number', 'cardNumber', 'passcode', 'apiKey', 'private_key']) {
    expect(isSecretParam(name), name).toBe(true);
  }
  for (const name of ['shipping_address', 'shopping_list', 'opinion', 'passenger', 'postcode', 'zip_code', 'postal_code', 'zipCode',
    'promo_code', 'country_code', 'query', 'spinach', 'tokenizer', 'name', 'street', 'key', 'sort_key', 'compass']) {
    expect(isSecretParam(name), name).toBe(false);
  }
});
