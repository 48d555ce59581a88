import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import Dexie from 'dexie';
import { PocketDb, SCHEMA_V1, SCHEMA_V2 } from '../../extension/storage/db.ts';
import { readSetting, writeSetting } from '../../extension/storage/settings.ts';

let counter = 0;
const freshName = () => `pocket-slm-test-${counter++}`;

describe('Dexie database', () => {
  test('upgrades a version-1 database without losing rows, and adds the new tables', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('settings').bulkPut([{ key: 'popup.lastTab', value: 'math' }, { key: 'theme', value: 'dark' }]);
    await v1.table('models').put({ id: 'tinystories-656k', state: 'complete', bytes: 2_635_917, updatedAt: 5 });
    v1.close();

    const db = new PocketDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.settings.get('popup.lastTab')).toEqual({ key: 'popup.lastTab', value: 'math', updatedAt: 0 });
    expect(await db.models.get('tinystories-656k')).toMatchObject({ state: 'complete', bytes: 2_635_917 });
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['firstTokens', 'modelFiles', 'models', 'probeItems', 'probeRuns', 'ratings', 'scripts', 'settings', 'siteDocuments', 'sites', 'stories']);
    const id = await db.stories.add({ prompt: 'A dragon', writer: 'tinystories', text: 'Once…', params: {}, createdAt: 1 });
    expect((await db.stories.get(id))?.prompt).toBe('A dragon');
    db.close();
  });

  test('upgrades a version-2 database to 3: page rows kept, each site that had pages gets its site row', async () => {
    const name = freshName();
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('siteDocuments').bulkPut([
      { origin: 'https://mail.example', pathPattern: '/inbox', version: 4, document: { sections: [] }, updatedAt: 1 },
      { origin: 'https://mail.example', pathPattern: '/mail/:id', version: 2, document: { sections: [] }, updatedAt: 1 },
      { origin: 'https://shop.example', pathPattern: '/', version: 1, document: { sections: [] }, updatedAt: 1 },
    ]);
    await v2.table('settings').put({ key: 'theme', value: 'dark', updatedAt: 3 });
    v2.close();

    const db = new PocketDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.siteDocuments.count()).toBe(3);
    expect(await db.siteDocuments.get(['https://mail.example', '/mail/:id'])).toMatchObject({ version: 2 });
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark', updatedAt: 3 });
    expect((await db.sites.toArray()).map((s) => [s.origin, s.version, s.edges.length])).toEqual(
      [['https://mail.example', 1, 0], ['https://shop.example', 1, 0]]);
    db.close();
  });

  test('settings read their fallback until written', async () => {
    const db = new PocketDb(freshName());
    expect(await readSetting('popup.lastTab', 'models', db)).toBe('models');
    await writeSetting('popup.lastTab', 'story', db);
    expect(await readSetting('popup.lastTab', 'models', db)).toBe('story');
    expect((await db.settings.get('popup.lastTab'))?.updatedAt).toBeGreaterThan(0);
    db.close();
  });

  test('compound keys keep one site document per origin and path pattern', async () => {
    const db = new PocketDb(freshName());
    const row = { origin: 'https://mail.example', pathPattern: '/inbox', version: 1, document: {}, updatedAt: 1 };
    await db.siteDocuments.put(row);
    await db.siteDocuments.put({ ...row, version: 2 });
    expect(await db.siteDocuments.count()).toBe(1);
    expect((await db.siteDocuments.get(['https://mail.example', '/inbox']))?.version).toBe(2);
    db.close();
  });
});
