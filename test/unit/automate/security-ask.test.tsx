// @vitest-environment happy-dom
/**
 * ask() in the side panel (security review): the question is the script's text, which may repeat what the page says,
 * shown in the trusted panel. It is said to be the script's; one that asks for a secret gets a warning and a masked
 * field.
 */
import { describe, expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ScriptQuestion } from '../../../extension/features/automate/ScriptQuestion.tsx';
import { asksForSecret } from '../../../extension/features/automate/secret-param.ts';
import { draftArea } from '../../../extension/ui/draft.ts';

let shown = 0;
function show(text: string): { root: HTMLElement; answers: string[] } {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const answers: string[] = [];
  act(() => render(<ScriptQuestion id={3} draftKey={`automate.answer.test.${++shown}`} text={text} onAnswer={(answer) => answers.push(answer)} />, root));
  return { root, answers };
}

describe('ask() in the side panel', () => {
  test('a plain question: said to come from the script, answered in a plain field', () => {
    const { root, answers } = show('What should the todo say?');
    const form = root.querySelector('[data-testid="automate-ask"]')!;
    const label = form.querySelector('label')!;
    expect(label.textContent).toBe('The script asks: What should the todo say?');
    const input = root.querySelector<HTMLInputElement>(`#${label.getAttribute('for')}`)!;
    expect(input.type).toBe('text');
    expect(root.querySelector('[data-testid="automate-ask-secret"]')).toBeNull();
    act(() => {
      input.value = 'Water the plants';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(answers).toEqual(['Water the plants']);
  });

  test('a question that asks for a password or a code: a warning, and a masked field', () => {
    for (const text of ['Session expired. Enter your password to continue', 'Please type the 6-digit verification code we sent',
      'What is your credit card number?', 'Enter your one-time code', 'Your PIN?', 'Enter your раssword']) {
      const { root } = show(text);
      const warning = root.querySelector('[data-testid="automate-ask-secret"]');
      expect(warning, text).not.toBeNull();
      expect(warning!.getAttribute('role')).toBe('alert');
      expect(warning!.textContent).toMatch(/never needs one/);
      expect(warning!.textContent).toMatch(/the page itself may have put this question there/);
      expect(root.querySelector('label')!.textContent, text).toMatch(/^The script asks: /);
      expect(root.querySelector('input')!.type, text).toBe('password');
    }
  });

  test('ordinary questions are not taken for secret ones', () => {
    for (const text of ['Which city?', 'How many tickets?', 'What should the todo say?', 'Which size: S, M or L?', 'Pick a colour', 'Whose passport photo?']) {
      expect(asksForSecret(text), text).toBe(false);
    }
  });
});

// Explorer, session 34: Answer was enabled with the field empty (a stray Enter sent "", typed over a field); what was
// typed was gone after a switch of the panel's tabs.
describe('the answer', () => {
  test('an empty answer is not sent; what was typed stays through an unmount (in memory only)', () => {
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const answers: string[] = [];
    const mount = () => act(() => render(<ScriptQuestion id={7} draftKey="automate.answer.run-9.7" text="Which city?" onAnswer={(a) => answers.push(a)} />, root));
    mount();
    const form = () => root.querySelector('form')!;
    expect(root.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(true);
    act(() => void form().dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(answers).toEqual([]);
    act(() => {
      const input = root.querySelector('input')!;
      input.value = 'Lyon';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => render(null, root));
    mount();
    expect(root.querySelector('input')!.value).toBe('Lyon');
    expect(draftArea('automate.answer.run-9.7')).toBe('memory');
    act(() => void form().dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(answers).toEqual(['Lyon']);
  });

  test('an empty answer goes only by its own button', () => {
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const answers: string[] = [];
    act(() => render(<ScriptQuestion id={8} draftKey="automate.answer.run-9.8" text="Any note? Leave it empty for none" onAnswer={(a) => answers.push(a)} />, root));
    const empty = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Send an empty answer')!;
    act(() => empty.click());
    expect(answers).toEqual(['']);
  });
});
