import { useId } from 'react';
import { TableHead } from './TableHead';

/** One front-end server as the editor shows it; each page keeps its own model and maps to this. */
export interface ServerRowView {
  /** Keeps a row's inputs with it when one above is removed; the row's index when absent. */
  key?: string;
  name: string;
  active?: boolean;
  /** null: not known (only with `sendsEmail: 'yes-no'`). */
  sendsEmail: boolean | null;
  /** Per-host threads override as typed; empty = follows the global value. */
  threads?: string;
  /** Empty: not given. */
  zone: string;
}

export type ServerColumn = 'active' | 'sendsEmail' | 'threads' | 'zone';
export type ServerTextField = 'name' | 'threads' | 'zone';

const HEADER: Record<ServerColumn, string> = { active: 'Active', sendsEmail: 'Sends email', threads: 'Per-host threads', zone: 'Deployment zone' };

/**
 * The front-end servers as a table of inputs, one row per server, with Remove per row and Add
 * server below. The columns after the name are chosen by the page (the wizard asks whether a
 * server is active, the what-if calculator takes per-host threads).
 */
export function ServerListEditor({
  caption,
  rows,
  columns,
  namedBy,
  sendsEmail,
  zonePlaceholder,
  errors,
  canRemove = true,
  onChange,
  onRemove,
  onAdd,
}: {
  /** Read by assistive tech only: a legend or heading above says it. */
  caption: string;
  rows: ServerRowView[];
  columns: ServerColumn[];
  /** How a row's controls are named: after the server ("FE01 sends email", "Remove FE01") or its number ("Server 1 sends email", "Remove server 1"). */
  namedBy: 'name' | 'number';
  /** A checkbox, or Yes / No / Not known when the answer may not be known yet. */
  sendsEmail: 'checkbox' | 'yes-no';
  zonePlaceholder: string;
  errors?(index: number, field: ServerTextField): string | undefined;
  /** False keeps the last row. */
  canRemove?: boolean;
  onChange(index: number, patch: Partial<ServerRowView>): void;
  onRemove(index: number): void;
  onAdd(): void;
}) {
  return (
    <div className="server-list">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <TableHead
          columns={[{ key: 'name', label: 'Server' }, ...columns.map((c) => ({ key: c, label: HEADER[c] })), { key: 'remove', label: 'Remove', hidden: true }]}
        />
        <tbody>
          {rows.map((row, i) => {
            const named = namedBy === 'name' ? row.name || `row ${i + 1}` : `Server ${i + 1}`;
            const set = (patch: Partial<ServerRowView>) => onChange(i, patch);
            return (
              <tr key={row.key ?? i}>
                <td>
                  <CellInput label={`Server ${i + 1} name`} value={row.name} onChange={(name) => set({ name })} error={errors?.(i, 'name')} />
                </td>
                {columns.map((c) => (
                  <td key={c}>
                    {c === 'active' && (
                      <input
                        type="checkbox"
                        aria-label={`${named} is active`}
                        checked={row.active !== false}
                        onChange={(e) => set({ active: e.target.checked })}
                      />
                    )}
                    {c === 'sendsEmail' &&
                      (sendsEmail === 'checkbox' ? (
                        <input
                          type="checkbox"
                          aria-label={`${named} sends email`}
                          checked={row.sendsEmail === true}
                          onChange={(e) => set({ sendsEmail: e.target.checked })}
                        />
                      ) : (
                        <select
                          aria-label={`${named} sends email`}
                          value={row.sendsEmail === true ? 'yes' : row.sendsEmail === false ? 'no' : ''}
                          onChange={(e) => set({ sendsEmail: e.target.value === '' ? null : e.target.value === 'yes' })}
                        >
                          <option value="">Not known</option>
                          <option value="yes">Yes</option>
                          <option value="no">No</option>
                        </select>
                      ))}
                    {c === 'threads' && (
                      <CellInput
                        label={`${named} per-host threads`}
                        numeric
                        placeholder="global"
                        value={row.threads ?? ''}
                        onChange={(threads) => set({ threads })}
                        error={errors?.(i, 'threads')}
                      />
                    )}
                    {c === 'zone' && (
                      <CellInput
                        label={`${named} zone`}
                        value={row.zone}
                        placeholder={zonePlaceholder}
                        onChange={(zone) => set({ zone })}
                        error={errors?.(i, 'zone')}
                      />
                    )}
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={`Remove ${namedBy === 'name' ? named : `server ${i + 1}`}`}
                    disabled={!canRemove}
                    onClick={() => onRemove(i)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="server-list-add">
        <button type="button" className="btn btn-small" onClick={onAdd}>
          Add server
        </button>
      </div>
    </div>
  );
}

/** A text input in a table cell: named for assistive tech, its error (if any) under it. */
function CellInput({
  label,
  value,
  onChange,
  error,
  placeholder,
  numeric,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  placeholder?: string;
  numeric?: boolean;
}) {
  const errorId = `${useId()}-error`;
  return (
    <>
      <input
        type="text"
        aria-label={label}
        inputMode={numeric ? 'decimal' : undefined}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
