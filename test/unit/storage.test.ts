import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import Dexie from 'dexie';
import { PocketDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from '../../extension/storage/db.ts';
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
    expect(db.verno).toBe(5);
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
    expect(db.verno).toBe(5);
    expect(await db.siteDocuments.count()).toBe(3);
    expect(await db.siteDocuments.get(['https://mail.example', '/mail/:id'])).toMatchObject({ version: 2 });
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark', updatedAt: 3 });
    // Each site is at its newest page's version (review, session 14: it was 1, below its own pages).
    expect((await db.sites.toArray()).map((s) => [s.origin, s.version, s.edges.length])).toEqual(
      [['https://mail.example', 4, 0], ['https://shop.example', 1, 0]]);
    db.close();
  });

  test('a database upgraded by the old version-3 step (sites at version 1) is repaired at version 5', async () => {
    const name = freshName();
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    await v4.table('siteDocuments').bulkPut([
      { origin: 'https://mail.example', pathPattern: '/inbox', version: 4, document: { sections: [] }, updatedAt: 1, schema: 3 },
      { origin: 'https://mail.example', pathPattern: '/mail/:id', version: 9, document: { sections: [] }, updatedAt: 1, schema: 3 },
    ]);
    await v4.table('sites').bulkPut([
      { origin: 'https://mail.example', schema: 0, version: 1, edges: [], updatedAt: 0 },
      { origin: 'https://new.example', schema: 3, version: 12, edges: [], updatedAt: 0 },
    ]);
    v4.close();
    const db = new PocketDb(name);
    expect((await db.sites.toArray()).map((s) => [s.origin, s.version])).toEqual([['https://mail.example', 9], ['https://new.example', 12]]);
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
