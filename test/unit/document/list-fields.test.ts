// @vitest-environment happy-dom
/** List field names from BEM classes, not whole class slugs (review #3). */
import { expect, test } from 'vitest';
import { build, list } from './helpers.ts';

test('BEM element classes name fields by their element part; js- classes are skipped; an image is `image`', () => {
  const item = (n: number, title: string) => `<li class="most-popular-list-item"><a href="/n/${n}" class="most-popular-list-item__link">
    <img class="js-image-replace" src="/i/${n}.jpg" alt="Picture ${n}"><span class="most-popular-list-item__rank">${n}</span>
    <span class="js-headline most-popular-list-item__headline">${title}</span></a></li>`;
  const doc = build(`<aside><h2>Most read</h2><ul class="most-popular__list">${item(1, 'Jeep hack')}${item(2, 'Snake fossil')}${item(3, 'Civilian guards')}</ul></aside>`);
  const popular = list(doc, 'aside__most_read');
  expect(popular.fields).toEqual(['image', 'rank', 'headline']);
  expect(popular.samples[0]).toEqual({ image: 'Picture 1', rank: '1', headline: 'Jeep hack' });
});
