/**
 * Inputs whose value is set whole, as their own picker sets it: a date, a time, a month, a week, a date and time, a
 * colour, a slider. type() gives them the value at once; what they take is checked against the format they read, and
 * a value they refuse says which format they want (a script's "12/25/2026" for a date field).
 */
import { ActionError } from '../../protocol/errors.ts';
import { setWholeValue, sliderRange } from './events.ts';

const FORMATS: Readonly<Record<string, { what: string; format: string; example: string }>> = {
  date: { what: 'a date', format: 'YYYY-MM-DD', example: '2026-12-25' },
  time: { what: 'a time', format: 'HH:MM, 24-hour', example: '14:30' },
  month: { what: 'a month', format: 'YYYY-MM', example: '2026-12' },
  week: { what: 'a week', format: 'YYYY-Www', example: '2026-W52' },
  'datetime-local': { what: 'a date and time', format: 'YYYY-MM-DDTHH:MM', example: '2026-12-25T14:30' },
  color: { what: 'a colour', format: '#rrggbb', example: '#3366cc' },
};

/** The shape of each type's value (a value of that shape the field refuses does not exist: 2026-02-30). */
const SHAPES: Readonly<Record<string, RegExp>> = {
  date: /^\d{4,}-\d{2}-\d{2}$/, time: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/, month: /^\d{4,}-\d{2}$/, week: /^\d{4,}-W\d{2}$/,
  'datetime-local': /^\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/,
};

/** An input of a type whose value is set whole (see above). */
export const takesWholeValue = (input: HTMLInputElement): boolean => input.type === 'range' || input.type in FORMATS;

/** What a script wrote, in the form the field reads: single-digit parts padded ("2026-1-5"), "#f60" as "#ff6600". */
function normalized(type: string, text: string): string {
  const value = text.trim();
  if (type === 'color') {
    const short = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
    if (short) return `#${short.slice(1).map((digit) => digit + digit).join('')}`.toLowerCase();
    return (/^[0-9a-f]{6}$/i.test(value) ? `#${value}` : value).toLowerCase();
  }
  const pad = (part: string) => part.padStart(2, '0');
  if (type === 'date' || type === 'datetime-local') {
    return value.replace(/^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])/, (_, year: string, month: string, day: string) => `${year}-${pad(month)}-${pad(day)}`)
      .replace(/([T ])(\d{1,2}):(\d{2})/, (_, sep: string, hour: string, minute: string) => `${sep === ' ' ? 'T' : sep}${pad(hour)}:${minute}`);
  }
  if (type === 'time') return value.replace(/^(\d{1,2}):(\d{2})/, (_, hour: string, minute: string) => `${pad(hour)}:${minute}`);
  if (type === 'month') return value.replace(/^(\d{4})-(\d{1,2})$/, (_, year: string, month: string) => `${year}-${pad(month)}`);
  if (type === 'week') return value.replace(/^(\d{4})-?w(\d{1,2})$/i, (_, year: string, week: string) => `${year}-W${pad(week)}`);
  return value;
}

const quoted = (text: string) => JSON.stringify(text.slice(0, 100));

/**
 * Gives `input` the value `text` means, at once. Returns what the field holds where that differs from what was
 * written (a slider's value rounded to its step, a padded date), else null. Throws an ActionError when the field
 * refuses the value (not in its format, a date that does not exist, past the field's range), the field keeping what
 * it held. `quiet`: a sensitive field (a card's expiry month) or a value the user gave: no value in the messages.
 */
export function typeWholeValue(input: HTMLInputElement, text: string, name: string, quiet = false): string | null {
  const type = input.type;
  const said = (value: string) => (quiet ? '' : ` ${quoted(value)}`);
  const holds = quiet ? '' : `; it still holds ${quoted(input.value)}`;
  if (type === 'range') {
    const wanted = Number(text.trim());
    const { min, max } = sliderRange(input);
    if (!text.trim() || !Number.isFinite(wanted)) throw new ActionError(`${name} is a slider: type a number from ${min} to ${max}, not${said(text) || ' that'}`, { state: 'not-typed' });
    if (wanted < min || wanted > max) throw new ActionError(`${name} is a slider from ${min} to ${max}:${said(text) || ' the number'} is out of its range${holds}`, { state: 'not-typed' });
    setWholeValue(input, String(wanted));
    return input.value === text.trim() ? null : input.value;
  }
  const { what, format, example } = FORMATS[type]!;
  const value = normalized(type, text);
  // The value the field would hold, found without touching it: a field of the same type and range, off the page.
  const probe = input.ownerDocument.createElement('input');
  probe.type = type;
  probe.value = value;
  if (!value || probe.value === '' || (type === 'color' && probe.value !== value)) {
    // In the format, and still no value: a day that does not exist (2026-02-30), an hour past 23.
    const shaped = SHAPES[type]?.test(value) ?? false;
    throw new ActionError(shaped ? `${name} takes ${what}:${said(text) || ' the value'} is no ${what.replace(/^an? /, '')} that exists${holds}`
      : `${name} takes ${what} written ${format} (as ${quoted(example)}), not${said(text) || ' the value given'}${holds}`, { state: 'not-typed', format });
  }
  for (const bound of ['min', 'max'] as const) if (input[bound]) probe[bound] = input[bound];
  if (probe.validity.rangeUnderflow || probe.validity.rangeOverflow) {
    throw new ActionError(`${name} takes ${what} from ${input.min || 'any'} to ${input.max || 'any'}:${said(probe.value) || ' the value'} is out of its range${holds}`, { state: 'not-typed', format });
  }
  setWholeValue(input, probe.value);
  if (input.value !== probe.value) throw new ActionError(`${name} did not take${said(probe.value) || ' the value'}${quiet ? '' : `: it holds ${quoted(input.value)}`}`, { state: 'not-typed' });
  return input.value === text ? null : input.value;
}
