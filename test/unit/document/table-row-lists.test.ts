// @vitest-environment happy-dom
/**
 * A table whose rows lists.ts makes a list of (a link in a cell): fields named by the column headers, two header rows
 * read together ("Revenue" over "2019": `revenue_2019`), and a name linked in some rows only read from its cell in the
 * others (explorer, session 40: `link`, `col_2019`, `text`; rows without the link read "").
 */
import { expect, test } from 'vitest';
import { build, list } from './helpers.ts';

const row = (name: string, link: boolean, a: string, b: string) => `<tr><td>${link ? `<a href="/c/${name}">${name}</a>` : name}</td><td>${a}</td><td>${b}</td></tr>`;
const rows = `${row('Acme', true, '10', '12')}${row('Globex', false, '7', '9')}${row('Initech', true, '3', '4')}${row('Umbrella', true, '5', '6')}`;

test('two header rows with spans name the columns; the linked name is a field and an action, read from its cell where unlinked', () => {
  const doc = build(`<main><h2>Revenue by company</h2><table><thead><tr><th rowspan="2">Company</th><th colspan="2">Revenue</th></tr>
    <tr><th>2019</th><th>2020</th></tr></thead><tbody>${rows}</tbody></table></main>`);
  const revenue = list(doc, 'revenue_by_company__items');
  expect(revenue.fields).toEqual(['company', 'revenue_2019', 'revenue_2020']);
  expect(revenue.actions).toEqual(['company']);
  expect(revenue.samples.slice(0, 2)).toEqual([
    { company: 'Acme', revenue_2019: '10', revenue_2020: '12' },
    { company: 'Globex', revenue_2019: '7', revenue_2020: '9' },
  ]);
});

test('header rows at the top of the body (no thead), with an empty corner cell', () => {
  const doc = build(`<main><h2>Scores</h2><table><tr><td></td><th colspan="2">Score</th></tr><tr><td></td><th>Home</th><th>Away</th></tr>${rows}</table></main>`);
  // The first column has no header: its link is `link`.
  expect(list(doc, 'scores__items').fields).toEqual(['link', 'score_home', 'score_away']);
});
