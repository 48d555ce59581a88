// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { sendsSearch } from '../../../extension/content/document/classify.ts';
import { build, entry } from './helpers.ts';

/** One form's verdict: is sending it only a search? */
function searches(html: string): boolean {
  document.body.innerHTML = html;
  const form = document.querySelector('form')!;
  return sendsSearch(form, form.querySelector('button,input[type=submit]'));
}

describe('a search form is told by one rule in the document and the executor (exploratory test, session 25)', () => {
  test('search forms as real sites write them', () => {
    // Le Monde: a French name and address, a search box.
    expect(searches('<form name="recherche" action="/recherche/" method="get" class="recherche"><input type="search" name="keywords"><button>Rechercher</button></form>')).toBe(true);
    // Archive of Our Own: a plain text box, the form named search, sent with GET.
    expect(searches('<form class="search" id="search" action="/works/search" method="get" name="search"><input type="text" name="work_search[query]" id="site_search"><input type="submit" value="Search"></form>')).toBe(true);
    // WordPress: role=search, the field named s.
    expect(searches('<form role="search" method="get" action="/"><input type="text" name="s"><button>Go</button></form>')).toBe(true);
    // A field named q in a form that says GET.
    expect(searches('<form action="/find" method="GET"><input name="q"><button>Go</button></form>')).toBe(true);
    // A German shop.
    expect(searches('<form action="/suche" method="get"><input name="text"><button>Los</button></form>')).toBe(true);
  });

  test('not a search: sent with POST, names alone without a method, look-alike words and field names', () => {
    expect(searches('<form method="post" action="/search"><input type="search" name="q"><button>Search</button></form>')).toBe(false);
    expect(searches('<form method="get" action="/x"><input type="search"><button formmethod="post">Save</button></form>')).toBe(false);
    // The method left out (often a fetch POST from script): a field named q is not enough; a search box still is.
    expect(searches('<form action="/search"><input name="q"><button>Go</button></form>')).toBe(false);
    expect(searches('<form><input type="search"><button>Go</button></form>')).toBe(true);
    // "research", a survey's q1, a field for terms and conditions.
    expect(searches('<form method="get" class="research-survey" action="/survey"><input name="q1"><input name="q2"><button>Next</button></form>')).toBe(false);
    expect(searches('<form method="get" action="/signup"><input name="email"><input type="checkbox" name="s"><button>Join</button></form>')).toBe(false);
  });

  test('the document marks a search form\'s button (JSON only: the prompt text is unchanged)', () => {
    const doc = build(`<form name="recherche" action="/recherche/" method="get"><input type="search" aria-label="Rechercher"><button>Rechercher</button></form>
      <form method="post" action="/comment"><textarea aria-label="Comment"></textarea><button>Publier</button></form>`);
    expect(entry(doc, 'recherche__rechercher_button')).toMatchObject({ effect: 'submits recherche', searches: true });
    const post = Object.values(doc.sections).flatMap((s) => s.entries).find((e) => e.description === 'Publier')!;
    expect(post).not.toHaveProperty('searches');
  });

  test('a form sent with GET, as its markup says, that is no search: its button `reads` (session 27)', () => {
    const doc = build(`<form aria-label="Chapters" method="get" action="/works/1"><select name="chapter" aria-label="Chapter"><option>1</option></select><button>Go</button></form>
      <form aria-label="Save" action="/save"><input name="q" aria-label="Note"><button>Keep</button></form>
      <form aria-label="Edit" method="get" action="/edit"><input name="t" aria-label="Title"><button formmethod="post">Store</button></form>`);
    const button = (text: string) => Object.values(doc.sections).flatMap((s) => s.entries).find((e) => e.description === text)!;
    expect(button('Go')).toMatchObject({ reads: true });
    expect(button('Go')).not.toHaveProperty('searches');
    // The method left out (often a fetch POST from script), or a submitter that says POST: not marked.
    expect(button('Keep')).not.toHaveProperty('reads');
    expect(button('Store')).not.toHaveProperty('reads');
  });
});
