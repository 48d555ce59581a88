import { describe, expect, test } from 'vitest';
import { PageBridge, type ConfirmRequest, type PageBridgeDeps } from '../../../extension/features/automate/page-bridge.ts';
import { ActionError, ContentScriptError, NavigationError } from '../../../extension/protocol/errors.ts';
import type { ActRequest, PageDocument } from '../../../extension/protocol/schemas.ts';

const doc: PageDocument = {
  url: 'https://mail.example/', title: 'Mail', truncated: false, tokens: 10,
  stats: { nodes: 1, elements: 1, lists: 0, ms: 1 },
  sections: [{ name: 'inbox', kind: 'main', title: 'Inbox', entries: [
    { name: 'inbox__delete_button', kind: 'button', description: 'Delete', locators: [{ by: 'id', value: 'del' }] },
  ] }],
} as PageDocument;

/** A bridge whose executor asks for confirmation of every unconfirmed click (as the real one does for "Delete"). */
function bridge(answer: boolean, liveLabels: string[]) {
  const sent: ActRequest[] = [];
  const confirms: ConfirmRequest[] = [];
  const deps: PageBridgeDeps = {
    readDocument: async () => doc,
    confirm: async (request) => {
      confirms.push(request);
      return answer;
    },
    ask: async () => '',
    say: () => undefined,
    act: async (request) => {
      sent.push(structuredClone(request));
      if (request.action === 'click') {
        const label = liveLabels[Math.min(sent.length - 1, liveLabels.length - 1)]!;
        if (!request.confirmed || request.fingerprint !== `fp:${label}`) {
          throw new ActionError('needs confirmation', { needsConfirmation: true, reason: request.mustConfirm ?? 'changed', label, fingerprint: `fp:${label}` });
        }
      }
      return { changed: false, navigated: false, url: doc.url };
    },
  };
  return { bridge: new PageBridge(deps, doc), sent, confirms };
}

describe('page bridge confirmations', () => {
  test('the user is asked with the live label and the executor acts on that fingerprint', async () => {
    const b = bridge(true, ['Delete 3 messages', 'Delete 3 messages']);
    await b.bridge.call({ call: 'click', target: { name: 'inbox__delete_button' }, args: [] });
    expect(b.confirms.map((c) => c.label)).toEqual(['Delete 3 messages']);
    expect(b.sent[0]).toMatchObject({ mustConfirm: expect.stringMatching(/delete|remove/i) });
    expect(b.sent[1]).toMatchObject({ confirmed: true, fingerprint: 'fp:Delete 3 messages' });
  });

  test('an element that changed after the confirmation is asked about again, then the action fails if it changes once more', async () => {
    const b = bridge(true, ['Delete 3 messages', 'Delete ALL messages', 'Delete 9 messages', 'Delete 9 messages']);
    await expect(b.bridge.call({ call: 'click', target: { name: 'inbox__delete_button' }, args: [] })).rejects.toMatchObject({ name: 'ActionError' });
    expect(b.confirms.map((c) => c.label)).toEqual(['Delete 3 messages', 'Delete ALL messages']);
  });

  test('navigate() to a log-out or delete address asks first; cancelling stops it', async () => {
    const b = bridge(false, ['x']);
    await expect(b.bridge.call({ call: 'navigate', args: ['/account/logout'] })).rejects.toMatchObject({ name: 'ActionError', data: { cancelled: true } });
    expect(b.confirms).toHaveLength(1);
    expect(b.sent).toHaveLength(0);
    const ok = bridge(false, ['x']);
    await ok.bridge.call({ call: 'navigate', args: ['/inbox'] });
    expect(ok.confirms).toHaveLength(0);
    expect(ok.sent).toHaveLength(1);
  });
});

describe('a bridge whose attempt ended', () => {
  test('acts no more (a late confirmation, a step let go after the attempt), and reports its waits for the user', async () => {
    const b = bridge(true, ['Delete 3 messages']);
    const waits: boolean[] = [];
    b.bridge.onUserWait((waiting) => waits.push(waiting));
    await b.bridge.call({ call: 'click', target: { name: 'inbox__delete_button' }, args: [] });
    expect(waits).toEqual([true, false]);
    b.bridge.close();
    const before = b.sent.length;
    await expect(b.bridge.call({ call: 'click', target: { name: 'inbox__delete_button' }, args: [] })).rejects.toMatchObject({ name: 'AbortError' });
    expect(b.sent.length).toBe(before);
  });
});

describe('a run stays on its site and notices a page that never came back', () => {
  const click = { call: 'click' as const, target: { name: 'inbox__delete_button' }, args: [] };
  const base = (readDocument: PageBridgeDeps['readDocument']): PageBridgeDeps => ({
    readDocument, confirm: async () => true, ask: async () => '', say: () => undefined,
    act: async () => {
      throw new ContentScriptError('the page went away');
    },
  });

  test('a click after which no page can be read is a NavigationError, not a success', async () => {
    const bridge = new PageBridge(base(async () => {
      throw new ContentScriptError('no tab');
    }), doc);
    await expect(bridge.call(click)).rejects.toMatchObject({ name: 'NavigationError' });
  }, 15_000);

  test('a click that lands on another origin stops the run', async () => {
    const bridge = new PageBridge(base(async () => ({ ...doc, url: 'https://evil.example/phish' })), doc);
    await expect(bridge.call(click)).rejects.toMatchObject({ name: 'NavigationError', message: expect.stringContaining('evil.example') });
  });
});

describe('values the user gave', () => {
  test('a whole piece of the task counts as the user\'s value; part of a word does not', async () => {
    const sent: ActRequest[] = [];
    const form = { ...doc, sections: [{ name: 'login', kind: 'form', title: 'Login', entries: [
      { name: 'login__password', kind: 'text_input', description: 'Password', sensitive: true, locators: [{ by: 'id', value: 'pw' }] },
    ] }] } as PageDocument;
    const bridge = new PageBridge({
      readDocument: async () => form, confirm: async () => true, ask: async () => '', say: () => undefined,
      act: async (request) => {
        sent.push(structuredClone(request));
        return { changed: false, navigated: false, url: doc.url };
      },
    }, form, ['log in with password "hunter2-x" please']);
    for (const value of ['hunter2-x', 'unter2', 'pass', 'password "hunter2-x"']) {
      await bridge.call({ call: 'type', target: { name: 'login__password' }, args: [value] });
    }
    expect(sent.map((r) => Boolean(r.userSupplied))).toEqual([true, false, false, true]);
  });
});

describe('the page changes while the run waits for the user', () => {
  function waiting(pageAfter: string | Error) {
    const sent: ActRequest[] = [];
    let reads = 0;
    const deps: PageBridgeDeps = {
      readDocument: async () => {
        reads++;
        if (pageAfter instanceof Error) throw pageAfter;
        return { ...doc, url: 'https://mail.example/other', pageId: pageAfter };
      },
      confirm: async () => true,
      ask: async () => 'an answer',
      say: () => undefined,
      act: async (request) => {
        sent.push(structuredClone(request));
        if (request.action === 'click' && !request.confirmed) throw new ActionError('needs confirmation', { needsConfirmation: true, label: 'Delete', fingerprint: 'fp' });
        return { changed: false, navigated: false, url: doc.url };
      },
    };
    return { bridge: new PageBridge(deps, { ...doc, pageId: 'page-1' }), sent, reads: () => reads };
  }

  test('a confirmation answered after the tab went elsewhere (or reloaded) acts on nothing: the run stops', async () => {
    const b = waiting('page-2');
    await expect(b.bridge.call({ call: 'click', target: { name: 'inbox__delete_button' }, args: [] }))
      .rejects.toMatchObject({ name: 'NavigationError', data: { pageChanged: true } });
    expect(b.sent.filter((r) => r.confirmed)).toEqual([]);
  });

  test('a question answered after the page changed stops the run too; the same page goes on', async () => {
    await expect(waiting('page-2').bridge.call({ call: 'ask', args: ['Which one?'] })).rejects.toMatchObject({ data: { pageChanged: true } });
    await expect(waiting(new Error('tab closed')).bridge.call({ call: 'ask', args: ['Which one?'] })).rejects.toMatchObject({ name: 'NavigationError' });
    const same = waiting('page-1');
    await expect(same.bridge.call({ call: 'ask', args: ['Which one?'] })).resolves.toBe('an answer');
    await same.bridge.call({ call: 'click', target: { name: 'inbox__delete_button' }, args: [] });
    expect(same.sent.at(-1)).toMatchObject({ confirmed: true });
    expect(same.reads()).toBe(2);
  });
});

describe('only a real wait for the user re-reads the page (review, session 16)', () => {
  test('a step hook that did not wait (not step by step) costs no read; one that waited does', async () => {
    let reads = 0;
    let waits = 0;
    const make = (stepByStep: boolean) => new PageBridge({
      readDocument: async () => {
        reads++;
        return { ...doc, pageId: 'page-1' };
      },
      confirm: async () => true, ask: async () => '', say: () => undefined,
      act: async () => ({ changed: false, navigated: false, url: doc.url, pageId: 'page-1' }),
      beforeAction: async () => {
        if (!stepByStep) return false;
        waits++;
        return true;
      },
    }, { ...doc, sections: [{ ...doc.sections[0]!, entries: [{ name: 'inbox__next_button', kind: 'button', description: 'Next', locators: [{ by: 'id', value: 'n' }] }] }], pageId: 'page-1' });
    const quick = make(false);
    for (let i = 0; i < 5; i++) await quick.call({ call: 'click', target: { name: 'inbox__next_button' }, args: [] });
    expect(reads).toBe(0);
    const stepped = make(true);
    for (let i = 0; i < 3; i++) await stepped.call({ call: 'click', target: { name: 'inbox__next_button' }, args: [] });
    expect([waits, reads]).toEqual([3, 3]);
  });

  test('the page an action answered from is the baseline (a click that started a navigation), and the stop sticks', async () => {
    let page = 'page-1';
    const b = new PageBridge({
      readDocument: async () => ({ ...doc, pageId: page }),
      confirm: async () => true, ask: async () => 'x', say: () => undefined,
      // The click's own navigation: the answer comes from the new page, which the bridge has not read.
      act: async () => {
        page = 'page-2';
        return { changed: true, navigated: false, url: doc.url, pageId: 'page-2' };
      },
    }, { ...doc, sections: [{ ...doc.sections[0]!, entries: [{ name: 'inbox__next_button', kind: 'button', description: 'Next', locators: [{ by: 'id', value: 'n' }] }] }], pageId: 'page-1' });
    await b.call({ call: 'click', target: { name: 'inbox__next_button' }, args: [] });
    await expect(b.call({ call: 'ask', args: ['Go on?'] })).resolves.toBe('x');
    page = 'page-3';
    await expect(b.call({ call: 'ask', args: ['Go on?'] })).rejects.toMatchObject({ data: { pageChanged: true } });
    // Every later call is refused the same way (a script that caught it cannot act on the other page).
    await expect(b.call({ call: 'click', target: { name: 'inbox__next_button' }, args: [] })).rejects.toMatchObject({ data: { pageChanged: true } });
  });
});

describe('a form the page sends by itself (held back by the executor)', () => {
  const entries = [
    { name: 'plan', kind: 'select', description: 'Plan', locators: [{ by: 'id', value: 'plan' }] },
    { name: 'nick', kind: 'text_input', description: 'Nickname', locators: [{ by: 'id', value: 'nick' }] },
  ];
  const page = { ...doc, sections: [{ name: 'settings', kind: 'form', title: 'Settings', entries }] } as PageDocument;

  /** An executor that holds the page's own submission after the first change and says so at the next call. */
  function executor(answer: boolean) {
    const sent: ActRequest[] = [];
    const confirms: ConfirmRequest[] = [];
    let held = false;
    let said = false;
    const bridge = new PageBridge({
      readDocument: async () => page, ask: async () => '', say: () => undefined,
      confirm: async (request) => {
        confirms.push(request);
        return answer;
      },
      act: async (request) => {
        sent.push(structuredClone(request));
        if (request.action === 'held') {
          if (!held) return { changed: false, navigated: false, url: page.url };
          if (!request.confirmed || request.fingerprint !== 'fp:form') {
            throw new ActionError('needs confirmation', { needsConfirmation: true, reason: 'sends /save', label: 'Settings', fingerprint: 'fp:form' });
          }
          held = false;
          return { changed: true, navigated: false, url: page.url };
        }
        if (held && !said) {
          said = true;
          throw new ActionError('the page tried to send /save by itself', { state: 'late-submit' });
        }
        if (request.action === 'select') held = true;
        return { changed: true, navigated: false, url: page.url };
      },
    }, page);
    return { bridge, sent, confirms };
  }

  test('noticed at the next action: asked about first; confirmed, it is sent and the action then goes', async () => {
    const e = executor(true);
    await e.bridge.call({ call: 'select', target: { name: 'plan' }, args: ['Pro'] });
    await e.bridge.call({ call: 'type', target: { name: 'nick' }, args: ['Bob'] });
    expect(e.confirms.map((c) => [c.action, c.label])).toEqual([['held', 'Settings']]);
    expect(e.sent.map((r) => `${r.action}${r.confirmed ? '+' : ''}`)).toEqual(['select', 'type', 'held', 'held+', 'type']);
    await e.bridge.finish();
    expect(e.sent.at(-1)).toMatchObject({ action: 'held' });
    expect(e.confirms).toHaveLength(1);
  });

  test('at the end of the script: asked about; cancelled, it stays unsent and the cancel ends the run', async () => {
    const e = executor(false);
    await e.bridge.call({ call: 'select', target: { name: 'plan' }, args: ['Pro'] });
    await expect(e.bridge.finish()).rejects.toMatchObject({ name: 'ActionError', data: { cancelled: true } });
    expect(e.sent.map((r) => `${r.action}${r.confirmed ? '+' : ''}`)).toEqual(['select', 'held']);
  });

  test('a script that did nothing to the page asks nothing', async () => {
    const e = executor(true);
    await e.bridge.finish();
    expect(e.sent).toHaveLength(0);
  });
});

test('the end-of-run question about a held submission: a page that moved on or went away since holds nothing, the run stands', async () => {
  const page = { ...doc } as PageDocument;
  for (const thrown of [new NavigationError('the page changed', { pageChanged: true }), new ContentScriptError('the page did not answer')]) {
    const bridge = new PageBridge({
      readDocument: async () => page, ask: async () => '', say: () => undefined, confirm: async () => true,
      act: async (request) => {
        if (request.action === 'held') throw thrown;
        return { changed: true, navigated: false, url: page.url };
      },
    }, page);
    await bridge.call({ call: 'click', target: { name: 'inbox__delete_button' }, args: [] }).catch(() => undefined);
    await expect(bridge.finish()).resolves.toBeUndefined();
  }
});

test('a late submission that takes the tab to another page: the action is looked for there by its name, with that page\'s locators', async () => {
  const field = (id: string) => ({ name: 'nick', kind: 'text_input', description: 'Nickname', locators: [{ by: 'id', value: id }] });
  const select = { name: 'plan', kind: 'select', description: 'Plan', locators: [{ by: 'id', value: 'plan' }] };
  const before = { ...doc, pageId: 'p1', url: 'https://mail.example/settings', sections: [{ name: 'settings', kind: 'form', title: 'Settings', entries: [select, field('nick-old')] }] } as PageDocument;
  const after = { ...doc, pageId: 'p2', url: 'https://mail.example/saved', sections: [{ name: 'settings', kind: 'form', title: 'Settings', entries: [select, field('nick-new')] }] } as PageDocument;
  let current = before;
  let held = false;
  const typedInto: string[] = [];
  const bridge = new PageBridge({
    readDocument: async () => current, ask: async () => '', say: () => undefined, confirm: async () => true,
    act: async (request) => {
      if (request.expectedPageId && request.expectedPageId !== current.pageId) {
        throw new NavigationError('another document', { pageChanged: true, pageId: current.pageId, url: current.url });
      }
      if (request.action === 'held') {
        if (!request.confirmed) throw new ActionError('needs confirmation', { needsConfirmation: true, reason: 'sends /save', label: 'Settings', fingerprint: 'fp' });
        current = after;
        return { changed: true, navigated: true, url: after.url, pageId: 'p2' };
      }
      if (request.action === 'select') {
        held = true;
        return { changed: true, navigated: false, url: current.url, pageId: current.pageId };
      }
      if (held) {
        held = false;
        throw new ActionError('the page tried to send /save by itself', { state: 'late-submit' });
      }
      typedInto.push(String((request.target?.locators[0] as { value: string }).value));
      return { changed: true, navigated: false, url: current.url, pageId: current.pageId };
    },
  }, before);
  await bridge.call({ call: 'select', target: { name: 'plan' }, args: ['Pro'] });
  await bridge.call({ call: 'type', target: { name: 'nick' }, args: ['Bob'] });
  expect(typedInto).toEqual(['nick-new']);
});
