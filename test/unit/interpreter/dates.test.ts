/**
 * Dates in scripts (interpreter/dates.ts): "archive last week's newsletters" needs today and date arithmetic. Each
 * expected value is computed here by the host's own Date with the same fixed clock, so the cases hold in any time zone.
 */
import { describe, expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

const NOW = Date.UTC(2026, 10, 25, 10, 30, 15, 250);
const now = () => new Date(NOW);

async function run(source: string, clock: (() => number) | null = () => NOW) {
  return runScript(source, mathCapabilities(), clock ? { now: clock } : {});
}

async function value(source: string): Promise<unknown> {
  const outcome = await run(source);
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

const weekAgo = () => {
  const d = now();
  d.setDate(d.getDate() - 7);
  return d;
};

const cases: Array<[string, () => unknown]> = [
  ['Date.now()', () => NOW],
  ['new Date().getTime()', () => NOW],
  ['new Date().toISOString()', () => now().toISOString()],
  ['[new Date().getFullYear(), new Date().getMonth(), new Date().getDate(), new Date().getDay(), new Date().getHours()]',
    () => [now().getFullYear(), now().getMonth(), now().getDate(), now().getDay(), now().getHours()]],
  ['[new Date().getUTCHours(), new Date().getUTCMinutes(), new Date().getUTCSeconds(), new Date().getUTCMilliseconds()]', () => [10, 30, 15, 250]],
  // Arithmetic and comparisons read the time.
  ['(new Date("2026-11-25") - new Date("2026-11-18")) / 86400000', () => 7],
  ['[new Date("2026-11-20") < new Date(), new Date("2026-12-20") < new Date(), +new Date(0), Number(new Date(5))]', () => [true, false, 0, 5]],
  ['const d = [new Date("2026-03-01"), new Date("2026-01-01"), new Date("2026-02-01")]; d.sort((a, b) => a - b).map((x) => x.getUTCMonth())', () => [0, 1, 2]],
  ['Math.max(new Date(3), new Date(9))', () => 9],
  // The issue's own example: the newsletters of the last seven days.
  ['const weekAgo = new Date(); weekAgo.setDate(weekAgo.getDate() - 7); ["2026-11-24", "2026-11-16", "2026-11-19"].filter((d) => new Date(d) >= weekAgo)',
    () => ['2026-11-24', '2026-11-16', '2026-11-19'].filter((d) => new Date(d) >= weekAgo())],
  ['const d = new Date(); d.setDate(d.getDate() - 7); d.toISOString()', () => weekAgo().toISOString()],
  // Setters answer the new time, carry over as JavaScript's do, and take the smaller fields too.
  ['const d = new Date(2026, 0, 31); [d.setMonth(1), d.getMonth(), d.getDate()]', () => {
    const d = new Date(2026, 0, 31);
    return [d.setMonth(1), d.getMonth(), d.getDate()];
  }],
  ['const d = new Date(2026, 10, 25); d.setHours(25, 61); [d.getDate(), d.getHours(), d.getMinutes()]', () => [26, 2, 1]],
  ['const d = new Date(0); d.setUTCFullYear(2030, 5, 1); d.toISOString()', () => '2030-06-01T00:00:00.000Z'],
  ['const d = new Date(); d.setTime(86400000); d.getTime()', () => 86_400_000],
  // A copy is its own date.
  ['const a = new Date(); const b = new Date(a); b.setDate(1); [a.getTime(), b.getDate(), a === b]', () => [NOW, 1, false]],
  // Made from parts, a time, text, or UTC.
  ['new Date(2026, 1, 3, 4, 5, 6, 7).getTime()', () => new Date(2026, 1, 3, 4, 5, 6, 7).getTime()],
  ['[Date.UTC(2026, 10, 25), Date.parse("2026-11-25T00:00:00Z"), new Date("Nov 25, 2026").getDate()]', () => [Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 25), 25]],
  ['new Date(99, 0).getFullYear()', () => 1999],
  // Text, as JavaScript writes it; locale words are en-US unless a locale is given.
  ['`${new Date()}`', () => now().toString()],
  ['"on " + new Date()', () => `on ${now().toString()}`],
  ['[new Date().toDateString(), new Date().toUTCString(), new Date().toTimeString()]', () => [now().toDateString(), now().toUTCString(), now().toTimeString()]],
  ['new Date("2026-11-24T12:00:00Z").toLocaleDateString("en-US", {month: "short", day: "numeric", timeZone: "UTC"})', () => 'Nov 24'],
  ['new Date().toLocaleDateString()', () => now().toLocaleDateString('en-US')],
  ['new Date("2026-11-24T12:00:00Z").toLocaleString("de-DE", {timeZone: "UTC"})', () => '24.11.2026, 12:00:00'],
  // JSON and results: the ISO text; an invalid date is null there.
  ['JSON.stringify({when: new Date(0), bad: new Date("nope")})', () => '{"when":"1970-01-01T00:00:00.000Z","bad":null}'],
  ['new Date(0)', () => '1970-01-01T00:00:00.000Z'],
  ['[new Date(0)]', () => ['1970-01-01T00:00:00.000Z']],
  ['new Date(0).toJSON()', () => '1970-01-01T00:00:00.000Z'],
  // Invalid dates.
  ['[new Date("nope").getTime(), isNaN(new Date("nope")), new Date(8.64e15 + 1).getTime(), new Date(undefined).getTime()]', () => [NaN, true, NaN, NaN]],
  ['`${new Date("nope")}`', () => 'Invalid Date'],
  // What a date is.
  ['[typeof new Date(), new Date() instanceof Date, [] instanceof Date, typeof Date(), typeof Date.now()]', () => ['object', true, false, 'string', 'number']],
  ['Date()', () => now().toString()],
];

describe('dates agree with JavaScript', () => {
  test.each(cases)('%s', async (source, expected) => {
    expect(await value(source)).toEqual(expected());
  });

  test('a printed date is its ISO text', async () => {
    const outcome = await run('print(new Date(0)); print({at: new Date(0)}); print(new Date("x"))');
    expect(outcome.output).toEqual(['1970-01-01T00:00:00.000Z', '{"at":1970-01-01T00:00:00.000Z}', 'Invalid Date']);
  });

  test('an invalid date has no ISO text: the script\'s error, with where', async () => {
    const outcome = await run('const d = new Date("soon");\nd.toISOString()');
    expect(outcome.error?.name).toBe('ScriptRuntimeError');
    expect(outcome.error?.message).toMatch(/toISOString\(\): the date is invalid .* at 2:1/);
  });

  test('a bad locale is the script\'s error', async () => {
    const outcome = await run('new Date().toLocaleDateString("xx-!!")');
    expect(outcome.error?.name).toBe('ScriptRuntimeError');
    expect(outcome.error?.message).toMatch(/toLocaleDateString\(\)/);
  });

  test('without a fixed clock a script reads the real time', async () => {
    const before = Date.now();
    const outcome = await run('new Date().getTime()', null);
    expect(outcome.result).toBeGreaterThanOrEqual(before);
    expect(outcome.result).toBeLessThanOrEqual(Date.now());
  });

  test('a date reaches nothing past its own methods, and no script code runs when one is made', async () => {
    for (const source of ['new Date().constructor', 'new Date()["__proto__"]', 'Date.prototype', 'const k = "constructor"; new Date()[k]', 'new Date().getTime.constructor']) {
      const outcome = await run(source);
      expect(outcome.ok, source).toBe(false);
    }
    const unknown = await run('new Date().getYear()');
    expect(unknown.error?.name).toBe('ApiError');
    expect(unknown.error?.message).toMatch(/getYear/);
    // An object's own valueOf/toString is never called (as everywhere in scripts): its date is invalid.
    const tricked = await value('let called = false; const d = new Date({ valueOf() { called = true; return 5; } }); [called, d.getTime()]');
    expect(tricked).toEqual([false, NaN]);
  });
});
