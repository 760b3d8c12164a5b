/** An ISO instant as the value of a datetime-local input: this computer's wall-clock time, to the minute. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a datetime-local value; undefined (now) when empty. */
export function fromLocalInput(value: string): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

/**
 * When something done outside the app was really done: a restart ticked an hour after it happened
 * counts from the restart. Empty means now; the back end refuses a time in the future.
 */
export function DoneAt({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="field ts-done-at">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="datetime-local" value={value} max={toLocalInput(new Date().toISOString())} onChange={(e) => onChange(e.target.value)} />
      <span className="field-hint">Leave empty for now. In this computer's time zone; never in the future.</span>
    </div>
  );
}
