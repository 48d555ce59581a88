import { useEffect, useState } from 'preact/hooks';

/**
 * A labelled number input. What the user types stays as typed while they type ("1" on the way to "128", "0." on the way
 * to "0.7", an empty field); only a number inside [min, max] is passed on. On leaving the field an out-of-range or
 * empty entry is clamped and shown as the value actually used.
 */
export function NumberField({ id, label, value, min, max, step = 1, onInput, disabled }: {
  id: string; label: string; value: number; min: number; max: number; step?: number; onInput(value: number): void; disabled?: boolean;
}) {
  const [text, setText] = useState(String(value));
  // A value set from outside (a stored setting, a reset) replaces the text unless it already says that number.
  useEffect(() => {
    setText((current) => (Number(current) === value && current.trim() !== '' ? current : String(value)));
  }, [value]);
  const clamp = (next: number) => Math.min(max, Math.max(min, next));
  return (
    <label for={id}>
      {label}
      <input id={id} type="number" value={text} min={min} max={max} step={step} disabled={disabled}
        onInput={(e) => {
          const raw = (e.currentTarget as HTMLInputElement).value;
          setText(raw);
          const next = Number(raw);
          if (raw.trim() !== '' && Number.isFinite(next) && next >= min && next <= max) onInput(next);
        }}
        onBlur={() => {
          const next = Number(text);
          const used = text.trim() !== '' && Number.isFinite(next) ? clamp(next) : value;
          if (used !== value) onInput(used);
          setText(String(used));
        }} />
    </label>
  );
}
