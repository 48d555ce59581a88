// @vitest-environment happy-dom
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';
import { pressWhat } from '../../../extension/features/automate/AutomatePanel.tsx';

// The side panel's wording is checked here too; its module reaches for the extension API as it loads.
vi.mock('webextension-polyfill', () => ({ default: {} }));

/** `press(key)` in the executor: the keys' events, Enter's implicit submission and its confirmation, line breaks. */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
interface Outcome { ok?: { value?: unknown }; err?: string; message?: string; data?: { needsConfirmation?: boolean; fingerprint?: string; reason?: string; label?: string } }
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then((ok) => ({ ok: ok as Outcome['ok'] }), (error: { name?: string; message?: string; data?: Outcome['data'] }) => ({ err: error.name, message: error.message, data: error.data }));
const press = (id: string, key = 'Enter', extra: Partial<ActRequest> = {}) => outcome(run({ action: 'press', target: byId(id), args: [key], ...extra }));

/** What the page saw: key events (with their legacy codes), submissions (kept from navigating), clicks. */
let seen: string[];
beforeEach(() => {
  seen = [];
});
function page(html: string): void {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  const root = document.getElementById('root')!;
  for (const type of ['keydown', 'keypress', 'keyup']) {
    root.addEventListener(type, (e) => {
      const key = e as KeyboardEvent;
      seen.push(`${type}:${key.key}:${key.keyCode}`);
    });
  }
  root.addEventListener('click', (e) => seen.push(`click:${(e.target as Element).id}`));
  for (const form of Array.from(document.forms)) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // happy-dom names the form itself as the submitter of a submission without one.
      const by = (e as SubmitEvent).submitter;
      seen.push(`submit:${form.id}:${by && by !== form ? by.id : 'none'}`);
    });
  }
}

describe('press(key)', () => {
  test('keydown, keypress and keyup for Enter, with key, code and keyCode 13; other keys have no keypress', async () => {
    page('<input id="q">');
    expect((await press('q')).err).toBeUndefined();
    expect(seen).toEqual(['keydown:Enter:13', 'keypress:Enter:13', 'keyup:Enter:13']);
    expect(document.activeElement?.id).toBe('q');
    seen.length = 0;
    expect((await press('q', 'Escape')).err).toBeUndefined();
    expect((await press('q', 'ArrowDown')).err).toBeUndefined();
    expect(seen).toEqual(['keydown:Escape:27', 'keyup:Escape:27', 'keydown:ArrowDown:40', 'keyup:ArrowDown:40']);
  });

  test('a page that handles Enter in its own keydown listener (no form) gets it; its results appear', async () => {
    page('<input id="q" value="lamp"><ul id="results"></ul>');
    document.getElementById('q')!.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') document.getElementById('results')!.innerHTML = `<li>${(e.target as HTMLInputElement).value} results</li>`;
    });
    const done = await outcome(run({ action: 'press', target: byId('q'), args: ['Enter'] }));
    expect(done.ok).toMatchObject({ value: null, changed: true });
    expect(document.getElementById('results')!.textContent).toBe('lamp results');
  });

  test('Enter in a search form without a button submits it (GET, marked as search)', async () => {
    page('<form id="find" role="search" method="get" action="/search"><input id="q" name="q" type="search"></form>');
    expect((await press('q')).err).toBeUndefined();
    expect(seen, JSON.stringify(seen)).toContain('submit:find:none');
  });

  test('a page that cancels Enter (keydown or keypress) gets no submission', async () => {
    page('<form id="find" role="search" method="get"><input id="q" type="search"></form>');
    const q = document.getElementById('q')!;
    const cancel = (e: Event) => e.preventDefault();
    q.addEventListener('keydown', cancel);
    expect((await press('q')).err).toBeUndefined();
    expect(seen).toEqual(['keydown:Enter:13', 'keyup:Enter:13']);
    q.removeEventListener('keydown', cancel);
    q.addEventListener('keypress', cancel);
    seen.length = 0;
    expect((await press('q')).err).toBeUndefined();
    expect(seen).toEqual(['keydown:Enter:13', 'keypress:Enter:13', 'keyup:Enter:13']);
  });

  test('a form with two text fields and no submit button is not sent by Enter (the standard\'s rule)', async () => {
    page('<form id="login" method="post" action="/login"><input id="user"><input id="pw" type="password"></form>');
    expect((await press('user')).err).toBeUndefined();
    expect(seen.filter((e) => e.startsWith('submit'))).toEqual([]);
  });

  test('a POST form sent by Enter (one field, no button) is held for confirmation; confirmed, it is sent once, the key not pressed again', async () => {
    page('<form id="pay" method="post" action="/pay"><input id="amount" name="amount" value="5000"></form>');
    const asked = await press('amount');
    expect(asked.err).toBe('ActionError');
    expect(asked.data).toMatchObject({ needsConfirmation: true, reason: 'submits /pay when Enter is pressed in it' });
    expect(seen.filter((e) => e.startsWith('submit'))).toEqual([]);
    seen.length = 0;
    expect((await press('amount', 'Enter', { confirmed: true, fingerprint: 'something else' })).data?.needsConfirmation).toBe(true);
    const again = await press('amount');
    const sent = await press('amount', 'Enter', { confirmed: true, fingerprint: again.data!.fingerprint! });
    expect(sent.err).toBeUndefined();
    expect(seen.filter((e) => e.startsWith('submit'))).toEqual(['submit:pay:none']);
    // Keys: the second unconfirmed press only (a wrong confirmation and the confirmed send press nothing).
    expect(seen.filter((e) => e.startsWith('keydown'))).toHaveLength(1);
  });

  test('Enter with a default button is a click of that button, judged as one: a Pay button asks first; confirmed, it is clicked', async () => {
    page(`<form id="checkout" method="post" action="/checkout"><input id="card" name="card"><input id="name" name="name">
      <button id="pay" type="submit">Pay €20</button></form>`);
    const asked = await press('name');
    expect(asked.err).toBe('ActionError');
    expect(asked.data).toMatchObject({ needsConfirmation: true, label: 'Pay €20' });
    expect(asked.data?.reason).toMatch(/Enter clicks this button$/);
    expect(seen.filter((e) => e.startsWith('click') || e.startsWith('submit'))).toEqual([]);
    // The fingerprint is the button's: a confirmation of the field's own would not do.
    const sent = await press('name', 'Enter', { confirmed: true, fingerprint: asked.data!.fingerprint! });
    expect(sent.err).toBeUndefined();
    expect(seen.filter((e) => e.startsWith('click') || e.startsWith('submit'))).toEqual(['click:pay', 'submit:checkout:pay']);
  });

  test('a disabled default button blocks Enter; a search form\'s button is clicked without asking', async () => {
    page(`<form id="f" method="post"><input id="a"><button id="go" disabled>Go</button></form>
      <form id="find" role="search" method="get"><input id="q" type="search"><input id="b" type="submit" value="Search"></form>`);
    expect((await press('a')).err).toBeUndefined();
    expect((await press('q')).err).toBeUndefined();
    expect(seen.filter((e) => e.startsWith('click') || e.startsWith('submit'))).toEqual(['click:b', 'submit:find:b']);
  });

  test('Enter in a text area is a line break at the caret; the page may cancel it', async () => {
    page('<textarea id="notes">onetwo</textarea>');
    const notes = document.getElementById('notes') as HTMLTextAreaElement;
    notes.focus();
    notes.setSelectionRange(3, 3);
    expect((await press('notes')).err).toBeUndefined();
    expect(notes.value).toBe('one\ntwo');
    notes.addEventListener('beforeinput', (e) => e.preventDefault());
    expect((await press('notes')).err).toBeUndefined();
    expect(notes.value).toBe('one\ntwo');
  });

  test('a default button that needs confirmation is asked about before any key reaches the page (review, session 24)', async () => {
    // A keydown handler that sends the form a moment later (a timer, a microtask) must not send it while the user is asked.
    page(`<form id="later" method="post" action="/send"><input id="msg" name="msg"><button id="send">Send</button></form>
      <form id="soon" method="post" action="/send"><input id="msg2" name="msg"><button id="send2">Send</button></form>`);
    const later = document.getElementById('later') as HTMLFormElement;
    const soon = document.getElementById('soon') as HTMLFormElement;
    document.getElementById('msg')!.addEventListener('keydown', () => void setTimeout(() => later.requestSubmit(), 20));
    document.getElementById('msg2')!.addEventListener('keydown', () => void Promise.resolve().then(() => soon.requestSubmit()));
    for (const id of ['msg', 'msg2']) {
      const asked = await press(id);
      expect(asked.data).toMatchObject({ needsConfirmation: true, label: 'Send', reason: expect.stringMatching(/Enter clicks this button$/) });
    }
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen).toEqual([]);
    // Confirmed: the key goes to the page, and Enter clicks the button the user was shown.
    const asked = await press('msg2');
    expect((await press('msg2', 'Enter', { confirmed: true, fingerprint: asked.data!.fingerprint! })).err).toBeUndefined();
    expect(seen.slice(0, 3)).toEqual(['keydown:Enter:13', 'keypress:Enter:13', 'click:send2']);
    expect(seen).toContain('submit:soon:send2');
  });

  /** A search form whose Enter handler turns it into a POST "Delete everything" and sends it 20 ms later. */
  function searchThatTurnsIntoDelete(): void {
      page('<form id="find" role="search" method="get" action="/find"><input id="q" type="search" name="q"><button id="go">Search</button></form>');
      const find = document.getElementById('find') as HTMLFormElement;
      document.getElementById('q')!.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key !== 'Enter') return;
        find.method = 'post';
        document.getElementById('go')!.textContent = 'Delete everything';
        setTimeout(() => find.requestSubmit(), 20);
      });
  }

  test('a confirmation the page\'s key handler makes needed keeps its late submission held (review, session 24)', async () => {
    searchThatTurnsIntoDelete();
    const asked = await press('q');
    expect(asked.data).toMatchObject({ needsConfirmation: true, label: 'Delete everything' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen.filter((e) => e.startsWith('submit') || e.startsWith('click'))).toEqual([]);
    // Declined (the script moves on, or another run): the held submission is dropped, not asked about (review, session 24).
    expect((await press('q', 'Escape')).err).toBeUndefined();
    expect((await outcome(run({ action: 'held', target: undefined }))).ok).toMatchObject({ value: null });
    expect(seen.filter((e) => e.startsWith('submit') || e.startsWith('click'))).toEqual([]);
  });

  test('confirmed, a press whose question came after the keys sends what the page\'s handler tried to send, once, without pressing again (review, session 24)', async () => {
    searchThatTurnsIntoDelete();
    const asked = await press('q');
    expect(asked.data).toMatchObject({ needsConfirmation: true, label: 'Delete everything' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    seen.length = 0;
    // The bridge's retry of that same press, confirmed: no second question (late-submit), no keys, no click; one submission.
    const sent = await press('q', 'Enter', { confirmed: true, fingerprint: asked.data!.fingerprint! });
    expect(sent.err, sent.message).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen).toEqual(['submit:find:none']);
    // Nothing is left to say at the next action.
    expect((await press('q', 'Escape')).err).toBeUndefined();
  });

  test('a late submission after a press is said as "a moment after Enter was pressed in …" (review, session 24)', async () => {
    page('<form id="save" method="post" action="/save"><input id="q" name="q"></form><input id="other">');
    const save = document.getElementById('save') as HTMLFormElement;
    // The page cancels Enter and sends the form itself a moment later.
    document.getElementById('q')!.addEventListener('keydown', (e) => {
      e.preventDefault();
      setTimeout(() => save.requestSubmit(), 60);
    });
    expect((await press('q')).err).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 120));
    const late = await press('other', 'Escape');
    expect(late).toMatchObject({ err: 'ActionError', data: { state: 'late-submit' } });
    expect(late.message).toMatch(/a moment after Enter was pressed in .*q/);
    const asked = await outcome(run({ action: 'held', target: undefined }));
    expect(asked.data?.reason).toMatch(/^sends \/save: the page tried to by itself a moment after Enter was pressed in /);
  });

  test('a field whose page handles Enter itself (an open combobox, an autocomplete, a datalist) gets the key first; no question unless the page lets it through (review, session 24)', async () => {
    page(`<form id="order" method="post" action="/order">
        <input id="addr" name="addr" role="combobox" aria-expanded="true" aria-activedescendant="o1">
        <input id="city" name="city" aria-autocomplete="list">
        <input id="tag" name="tag" list="tags"><datalist id="tags"><option value="red"></datalist>
        <input id="plain" name="plain" aria-autocomplete="none">
        <ul><li id="o1" role="option">1 Main St</li></ul>
        <button id="place">Place order</button></form>`);
    const picked: string[] = [];
    const pick = (e: Event) => {
      if ((e as KeyboardEvent).key !== 'Enter') return;
      e.preventDefault();
      picked.push((e.target as Element).id);
    };
    for (const id of ['addr', 'city', 'tag', 'plain']) document.getElementById(id)!.addEventListener('keydown', pick);
    for (const id of ['addr', 'city', 'tag']) {
      const done = await press(id);
      expect(done.err, `${id}: ${done.message}`).toBeUndefined();
    }
    expect(picked).toEqual(['addr', 'city', 'tag']);
    expect(seen.filter((e) => e.startsWith('click') || e.startsWith('submit'))).toEqual([]);
    // A plain field (aria-autocomplete=none) is judged before the page gets the key.
    expect((await press('plain')).data).toMatchObject({ needsConfirmation: true, label: 'Place order' });
    expect(picked).toEqual(['addr', 'city', 'tag']);
    // Let through by the page: Enter would click Place order, and is asked about then (after the keys).
    document.getElementById('addr')!.removeEventListener('keydown', pick);
    seen.length = 0;
    const asked = await press('addr');
    expect(asked.data).toMatchObject({ needsConfirmation: true, label: 'Place order', reason: expect.stringMatching(/Enter clicks this button$/) });
    expect(seen).toEqual(['keydown:Enter:13', 'keypress:Enter:13', 'keyup:Enter:13']);
  });

  test('the side panel asks "Press Enter (clicks “…”)" about Enter that clicks a default button (review, session 24)', async () => {
    page(`<form id="wipe" method="post" action="/wipe"><label>Confirm word <input id="word" name="word"></label><button id="go">Delete everything</button></form>
      <form id="pay" method="post" action="/pay"><label>Amount <input id="amount" name="amount"></label></form>`);
    const clicks = (await press('word')).data!;
    expect(pressWhat(clicks.label!, clicks.reason!)).toBe('Press Enter (clicks “Delete everything”)');
    const sends = (await press('amount')).data!;
    expect(pressWhat(sends.label!, sends.reason!)).toBe('Press Enter in “Amount”');
  });

  test('an image input is a default button too: the first submit button in tree order, form= ones included (review, session 24)', async () => {
    page(`<form id="close" method="get" action="/close"><input id="account" name="id"><input type="image" id="img" alt="Delete account"></form>
      <form id="login" method="post" action="/login"><input id="user"><input id="pw" type="password"><input type="image" id="sign" alt="Sign in"></form>
      <form id="find" role="search" method="get" action="/find"><input id="q" type="search"><input type="image" id="look" alt="Search">
        <button id="wipe">Delete everything</button></form>
      <button id="outside" form="find2">Delete everything</button>
      <form id="find2" role="search" method="get" action="/find"><input id="q2" type="search"><button id="go">Search</button></form>`);
    expect((await press('account')).data).toMatchObject({ needsConfirmation: true, label: 'Delete account' });
    expect((await press('user')).data).toMatchObject({ needsConfirmation: true, label: 'Sign in' });
    expect((await press('q2')).data).toMatchObject({ needsConfirmation: true, label: 'Delete everything' });
    expect(seen.filter((e) => e.startsWith('click') || e.startsWith('submit'))).toEqual([]);
    expect((await press('q')).err).toBeUndefined();
    expect(seen.filter((e) => e.startsWith('click'))).toEqual(['click:look']);
  });

  test('Enter does not edit a read-only text area, nor one at its maxlength; the keys still reach the page (review, session 24)', async () => {
    page('<textarea id="fixed" readonly>fixed</textarea><textarea id="short" maxlength="3">abc</textarea>');
    const fixed = document.getElementById('fixed') as HTMLTextAreaElement;
    const short = document.getElementById('short') as HTMLTextAreaElement;
    expect((await press('fixed')).ok).toMatchObject({ changed: false });
    expect(fixed.value).toBe('fixed');
    short.focus();
    short.setSelectionRange(3, 3);
    expect((await press('short')).err).toBeUndefined();
    expect(short.value).toBe('abc');
    expect(seen).toEqual(['keydown:Enter:13', 'keypress:Enter:13', 'keyup:Enter:13', 'keydown:Enter:13', 'keypress:Enter:13', 'keyup:Enter:13']);
    // A selection the break replaces makes room.
    short.setSelectionRange(1, 2);
    expect((await press('short')).err).toBeUndefined();
    expect(short.value).toBe('a\nc');
  });

  test('a key that is not one of press()\'s, or a key on a button, is an ActionError', async () => {
    page('<input id="q"><button id="go" type="button">Go</button>');
    expect(await press('q', 'Space')).toMatchObject({ err: 'ActionError', message: expect.stringMatching(/takes one of the keys Enter, Escape, ArrowDown, ArrowUp/) });
    expect(await press('go')).toMatchObject({ err: 'ActionError', message: expect.stringMatching(/is not a text field \(button\)/) });
    expect(seen).toEqual([]);
  });
});
