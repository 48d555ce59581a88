/** A labelled number input that clamps what the user types into [min, max] and ignores what is not a number. */
export function NumberField({ id, label, value, min, max, step = 1, onInput, disabled }: {
  id: string; label: string; value: number; min: number; max: number; step?: number; onInput(value: number): void; disabled?: boolean;
}) {
  return (
    <label for={id}>
      {label}
      <input id={id} type="number" value={value} min={min} max={max} step={step} disabled={disabled}
        onInput={(e) => {
          const next = Number((e.currentTarget as HTMLInputElement).value);
          if (Number.isFinite(next)) onInput(Math.min(max, Math.max(min, next)));
        }} />
    </label>
  );
}
