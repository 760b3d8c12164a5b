import { useId } from 'react';
import { Breakable } from '../../components/Breakable';

/** Error text for a field, linked to the control by aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  placeholder?: string;
  /** Numbers stay text so what the user typed is kept and explained, not silently dropped. */
  numeric?: boolean;
  /** For controls in table cells: the label is read by assistive tech but not shown. */
  hiddenLabel?: boolean;
  className?: string;
}

export function TextField({ label, value, onChange, error, hint, placeholder, numeric, hiddenLabel, className }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <span id={hintId} className="field-hint">
          <Breakable text={hint} />
        </span>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
