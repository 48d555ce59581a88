// @vitest-environment happy-dom
/**
 * The second security review of ask() in the side panel: which questions ask for a secret (a token, a PIN, an expiry
 * or a code only with what says so; codes from an app or an SMS, security questions, "password" in other languages),
 * and the field: described by the warning, focused when the question appears, unmasked on request, with the
 * autocomplete a code or a password wants.
 */
import { describe, expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ScriptQuestion } from '../../../extension/features/automate/ScriptQuestion.tsx';
import { asksForSecret } from '../../../extension/features/automate/secret-param.ts';

describe('which questions ask for a secret', () => {
  test.each(['What is the token count?', 'Which pin should I use on the map?', 'Pin this message?', 'What is the expiry date of the milk?',
    'What is the secret ingredient?', 'Is this a one-time purchase?', 'Which repo, credentials page?', 'How many tokens should the summary have?',
    'Which pins do you want to see?', 'Which secret santa group?', 'Continue with the token sale?', 'What is the promo code?'])('%s: no', (question) => {
    expect(asksForSecret(question)).toBe(false);
  });
  test.each(['Enter the 6-digit code from your authenticator app', 'Enter the code from the SMS', 'Enter the security question answer',
    'What is your mother\'s maiden name?', 'Passwort?', 'Bitte Passwort eingeben', 'Введите пароль', 'Quel est votre mot de passe ?', 'Introduce tu contraseña',
    'What is your password?', 'Which PIN?', 'Your PIN?', 'What is your pin code?', 'What is the access token?', 'Paste your API token',
    'What is the card expiry date?', 'Enter your one-time code', 'What is the API key?', 'What is the card number?'])('%s: yes', (question) => {
    expect(asksForSecret(question)).toBe(true);
  });
});

function show(text: string): HTMLElement {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => render(<ScriptQuestion id={5} draftKey={`automate.answer.review.${text}`} text={text} onAnswer={() => undefined} />, root));
  return root;
}

describe('the answer field', () => {
  test('a secret question: the warning describes the field, the field has the focus, Show unmasks it', () => {
    const root = show('What is your password?');
    const input = root.querySelector('input')!;
    const warning = root.querySelector('[data-testid="automate-ask-secret"]')!;
    expect(warning.id).not.toBe('');
    expect(input.getAttribute('aria-describedby')).toBe(warning.id);
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('autocomplete')).toBe('new-password');
    const toggle = root.querySelector<HTMLButtonElement>('[data-testid="automate-ask-show"]')!;
    expect([input.type, toggle.textContent, toggle.getAttribute('aria-pressed')]).toEqual(['password', 'Show', 'false']);
    act(() => toggle.click());
    expect([input.type, toggle.textContent, toggle.getAttribute('aria-pressed')]).toEqual(['text', 'Hide', 'true']);
    act(() => toggle.click());
    expect(input.type).toBe('password');
  });

  test('a code: one-time-code; a plain question: focused, no suggestions, no warning to describe it', () => {
    expect(show('Enter the 6-digit code from your authenticator app').querySelector('input')!.getAttribute('autocomplete')).toBe('one-time-code');
    const root = show('Which city?');
    const input = root.querySelector('input')!;
    expect([input.type, input.getAttribute('autocomplete'), input.hasAttribute('aria-describedby'), document.activeElement === input]).toEqual(['text', 'off', false, true]);
    expect(root.querySelector('[data-testid="automate-ask-show"]')).toBeNull();
  });
});
