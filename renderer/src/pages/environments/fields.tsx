import { useId, type ReactNode } from 'react';

interface Common {
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
}

function Extra({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled text input; numbers stay text so what was typed is kept and explained. */
export function TextInput(
  props: Common & {
    value: string;
    onChange(value: string): void;
    onBlur?(): void;
    type?: 'text' | 'password' | 'email';
    numeric?: boolean;
    placeholder?: string;
    autoComplete?: string;
    multiline?: boolean;
  },
) {
  const id = useId();
  const shared = {
    id,
    value: props.value,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy(id, props.error, props.hint),
    onBlur: props.onBlur,
  } as const;
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...shared} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...shared}
          type={props.type ?? 'text'}
          inputMode={props.numeric ? 'decimal' : undefined}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      <Extra id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

export function SelectInput<T extends string>(props: Common & { value: T; options: Array<{ value: T; label: string }>; onChange(value: T): void }) {
  const id = useId();
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Extra id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

export function CheckboxInput(props: Common & { checked: boolean; disabled?: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className={`field env-checkbox ${props.className ?? ''}`}>
      <div className="row">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled}
          aria-describedby={describedBy(id, props.error, props.hint)}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <label htmlFor={id}>{props.label}</label>
      </div>
      <Extra id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

/** A date and time in this computer's zone, kept as an ISO instant ('' when empty). */
export function DateTimeInput(props: Common & { value: string; onChange(value: string): void }) {
  const id = useId();
  const local = (() => {
    const at = Date.parse(props.value);
    if (!props.value || Number.isNaN(at)) return '';
    const d = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  })();
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="datetime-local"
        value={local}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        onChange={(e) => props.onChange(e.target.value ? new Date(e.target.value).toISOString() : '')}
      />
      <Extra id={id} error={props.error} hint={props.hint} />
    </div>
  );
}
