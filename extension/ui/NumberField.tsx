import { useEffect, useState } from 'preact/hooks';

/**
 * A labelled number input. What the user types stays as typed while they type ("1" on the way to "128", "0." on the way
 * to "0.7", an empty field); only a number inside [min, max] is passed on. On leaving the field an out-of-range or
 * empty entry is clamped and shown as the value actually used.
 *
 * A whole-number field (`integer`, by default when `step` is whole: samples, tokens, repeats) never passes a fraction
 * on: "2.5" counts as 3 while typed, is shown as 3 on leaving the field, and a note by the field says so. `hint` is a
 * standing note by the field (what a value means here).
 */
export function NumberField({ id, label, value, min, max, step = 1, integer = Number.isInteger(step), hint, onInput, disabled }: {
  id: string; label: string; value: number; min: number; max: number; step?: number; integer?: boolean; hint?: string;
  onInput(value: number): void; disabled?: boolean;
}) {
  const [text, setText] = useState(String(value));
  const [note, setNote] = useState('');
  const clamp = (next: number) => Math.min(max, Math.max(min, next));
  // A value set from outside (a stored setting, a reset) replaces the text unless it already says that number (a
  // fraction being typed into a whole-number field says the number it counts as).
  const says = (current: string) => (integer ? Math.round(Number(current)) : Number(current));
  useEffect(() => {
    // A fraction kept by an older version would fail the run's validation: the field's whole number replaces it.
    if (integer && Number.isFinite(value) && !Number.isInteger(value)) onInput(clamp(Math.round(value)));
    setText((current) => (says(current) === value && current.trim() !== '' ? current : String(value)));
  }, [value]);
  const noteId = `${id}-note`;
  const hintId = `${id}-hint`;
  const describedBy = [note ? noteId : '', hint ? hintId : ''].filter(Boolean).join(' ');
  return (
    <div>
      <label for={id}>
        {label}
        <input id={id} type="number" value={text} min={min} max={max} step={step} disabled={disabled}
          aria-describedby={describedBy || undefined}
          onInput={(e) => {
            const raw = (e.currentTarget as HTMLInputElement).value;
            setText(raw);
            let next = Number(raw);
            if (raw.trim() === '' || !Number.isFinite(next)) return;
            if (integer && !Number.isInteger(next)) {
              setNote(`Whole numbers only: ${raw} counts as ${clamp(Math.round(next))}.`);
              next = Math.round(next);
            } else setNote('');
            if (next >= min && next <= max) onInput(next);
          }}
          onBlur={() => {
            const typed = Number(text);
            const valid = text.trim() !== '' && Number.isFinite(typed);
            const used = valid ? clamp(integer ? Math.round(typed) : typed) : value;
            if (valid && integer && !Number.isInteger(typed)) {
              setNote(`Whole numbers only: ${text} ${used === Math.round(typed) ? 'was rounded to' : 'became'} ${used}.`);
            }
            if (used !== value) onInput(used);
            setText(String(used));
          }} />
      </label>
      {note && <p id={noteId} role="status" class="muted" data-testid="field-note" style={{ margin: '2px 0 0', fontSize: '12px' }}>{note}</p>}
      {hint && <p id={hintId} class="muted" data-testid="field-hint" style={{ margin: '2px 0 0', fontSize: '12px' }}>{hint}</p>}
    </div>
  );
}
