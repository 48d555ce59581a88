import { expect, test } from 'vitest';
import { PageBridge, type PageBridgeDeps } from '../../../extension/features/automate/page-bridge.ts';
import type { ActRequest, ElementEntry, PageDocument } from '../../../extension/protocol/schemas.ts';

/** A page with one form's button, as the document describes it. */
function page(button: Partial<ElementEntry>): PageDocument {
  return {
    url: 'https://www.lemonde.example/', title: 'Le Monde', truncated: false, tokens: 10,
    stats: { nodes: 1, elements: 1, lists: 0, ms: 1 },
    sections: [{ name: 'recherche', kind: 'form', title: '', entries: [
      { name: 'recherche__rechercher_button', kind: 'button', description: 'Rechercher', effect: 'submits recherche', locators: [{ by: 'css', value: 'form button' }], ...button } as ElementEntry,
    ] }],
  } as PageDocument;
}

async function clicked(doc: PageDocument): Promise<ActRequest> {
  const sent: ActRequest[] = [];
  const deps: PageBridgeDeps = {
    readDocument: async () => doc, confirm: async () => true, ask: async () => '', say: () => undefined,
    act: async (request) => {
      sent.push(structuredClone(request));
      return { changed: false, navigated: false, url: doc.url };
    },
  };
  await new PageBridge(deps, doc).call({ call: 'click', target: { name: 'recherche__rechercher_button' }, args: [] });
  return sent[0]!;
}

test('a search form\'s button is not asked about because its effect says "submits" in another language (exploratory test, session 25)', async () => {
  expect(await clicked(page({ searches: true }))).not.toHaveProperty('mustConfirm');
  // Any other form's button is, until the executor has seen the live form.
  expect(await clicked(page({}))).toMatchObject({ mustConfirm: 'submits a form' });
});

test('another form\'s button the document marks `reads` (sent with GET, as its markup says) is not asked about either (session 27)', async () => {
  expect(await clicked(page({ reads: true, description: 'Go', effect: 'submits chapters' }))).not.toHaveProperty('mustConfirm');
  expect(await clicked(page({ reads: true, description: 'Delete drafts', effect: 'submits cleanup' }))).toMatchObject({ mustConfirm: 'its label means it deletes' });
});
