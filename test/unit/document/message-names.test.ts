// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { build, entries, names } from './helpers.ts';

/** Names of message entries that stay put as other messages come and go (content/document/messages.ts, build.ts). */
const messageNames = (doc: ReturnType<typeof build>) => entries(doc).filter((e) => e.kind === 'message').map((e) => e.name);

describe('a field\'s message is named after its field', () => {
  test('the control right before it in its row; a banner above the form keeps the role word', () => {
    const doc = build(`<form aria-label="Sign up"><div role="alert">Please fix the errors below</div>
      <label for="e">Email</label><input id="e"><span role="alert">Email is required</span>
      <div class="row"><label><input type="checkbox"> Terms</label></div><div class="hint"><p role="alert">Accept the terms</p></div>
      <button>Create</button><p role="alert">Something went wrong</p></form>`);
    // The last alert follows a button, not a field: free-standing, as the banner is.
    expect(messageNames(doc)).toEqual(['sign_up__alert', 'sign_up__email_alert', 'sign_up__terms_alert', 'sign_up__alert_2']);
  });

  test('the control whose aria-describedby or aria-errormessage points to it, where its id is not readable', () => {
    const doc = build(`<form aria-label="Sign up"><label for="e">Email</label><input id="e" aria-describedby=":r3:">
      <label for="p">Password</label><input id="p" type="password" aria-errormessage=":r4:"><button>Create</button>
      <p id=":r3:" role="alert">Email is required</p><p id=":r4:" role="status">Too short</p></form>`);
    expect(messageNames(doc)).toEqual(['sign_up__email_alert', 'sign_up__password_status']);
  });
});

describe('messages and section names', () => {
  const page = (toast: string) => `<aside aria-label="Notifications">${toast}</aside>
    <main><h2>Notifications</h2><button>Mark all read</button></main>`;

  test('a landmark holding only a message joins the heading section of its name, which keeps its name', () => {
    const doc = build(page('<div role="status">Saved</div>'));
    expect(names(doc)).toEqual(['notifications__status', 'notifications__mark_all_read_button']);
    expect(doc.sections.map((s) => [s.name, s.kind])).toEqual([['notifications', 'heading']]);
  });

  test('a dialog holding only a message keeps its own section; the heading section is told apart from it', () => {
    const doc = build(`<div role="dialog" aria-label="Notifications"><div role="status">Saved</div></div>
      <main><h2>Notifications</h2><button>Mark all read</button></main>`);
    expect(doc.sections.map((s) => [s.name, s.kind])).toEqual([['notifications', 'dialog'], ['notifications_heading', 'heading']]);
    expect(names(doc)).toEqual(['notifications__status', 'notifications_heading__mark_all_read_button']);
  });
});
