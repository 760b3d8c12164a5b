import type { FactDef } from '../../../../shared/wizard/playbook';
import type { FactValue } from '../../../../shared/wizard/session';
import { ServerListEditor } from '../../components/ServerListEditor';
import { toLocalInput } from './DoneAt';

/**
 * Inputs for facts the engineer types in, one per FactDef.input. Values are plain JSON so the same
 * editor serves any playbook; rows editors (servers, per-host rows, senders) add and remove rows.
 */

type Row = Record<string, FactValue>;
const rowsOf = (value: FactValue | undefined): Row[] =>
  Array.isArray(value) ? value.filter((r): r is Row => typeof r === 'object' && r !== null && !Array.isArray(r)) : [];

export function FactEditor({
  def,
  value,
  onChange,
  onCommit,
  idPrefix,
}: {
  def: FactDef;
  value: FactValue | undefined;
  onChange(value: FactValue): void;
  /** Gives the value and continues at once (a one-click answer such as "No other sender"). */
  onCommit?(value: FactValue): void;
  idPrefix: string;
}) {
  const id = `${idPrefix}-${def.key.replace(/[^A-Za-z0-9]/g, '-')}`;
  const hint = def.hint ? <span className="field-hint">{def.hint}</span> : null;
  switch (def.input) {
    case 'number':
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <input
            id={id}
            inputMode="numeric"
            value={value === null || value === undefined ? '' : String(value)}
            onChange={(e) => {
              const text = e.target.value.trim();
              onChange(text === '' ? null : Number.isFinite(Number(text)) ? Number(text) : text);
            }}
          />
          {hint}
        </div>
      );
    case 'datetime':
      // Local date and time on the page, kept as an ISO instant in the session.
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <input
            id={id}
            type="datetime-local"
            value={typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? toLocalInput(value) : ''}
            onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : null)}
          />
          <span className="field-hint">In this computer's time zone.</span>
        </div>
      );
    case 'textarea':
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <textarea id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)} />
          {hint}
        </div>
      );
    case 'yes-no':
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <select
            id={id}
            value={value === true ? 'yes' : value === false ? 'no' : ''}
            onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'yes')}
          >
            <option value="">Not known</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </div>
      );
    case 'choice':
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)}>
            <option value="">Choose…</option>
            {def.choices?.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      );
    case 'servers':
      return <ServersEditor label={def.label} rows={rowsOf(value)} onChange={onChange} />;
    case 'host-threads':
      return <HostThreadsEditor label={def.label} value={value} onChange={onChange} />;
    case 'senders':
      return (
        <SendersEditor
          label={def.label}
          rows={rowsOf(value)}
          columns={def.columns}
          answered={Array.isArray(value)}
          onChange={onChange}
          onNone={() => (onCommit ?? onChange)([])}
        />
      );
    default:
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <input
            id={id}
            value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
            onChange={(e) => onChange(e.target.value.trim() ? e.target.value : null)}
          />
          {hint}
        </div>
      );
  }
}

function ServersEditor({ label, rows, onChange }: { label: string; rows: Row[]; onChange(value: FactValue): void }) {
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <ServerListEditor
        caption={label}
        rows={rows.map((row) => ({
          name: String(row.name ?? ''),
          active: row.active !== false,
          sendsEmail: typeof row.sendsEmail === 'boolean' ? row.sendsEmail : null,
          zone: typeof row.zone === 'string' ? row.zone : '',
        }))}
        columns={['active', 'sendsEmail', 'zone']}
        namedBy="name"
        sendsEmail="yes-no"
        zonePlaceholder="Not known"
        onChange={(i, patch) =>
          onChange(rows.map((r, j) => (j === i ? { ...r, ...patch, ...(patch.zone !== undefined ? { zone: patch.zone || null } : {}) } : r)))
        }
        onRemove={(i) => onChange(rows.filter((_, j) => j !== i))}
        onAdd={() => onChange([...rows, { name: `FE${String(rows.length + 1).padStart(2, '0')}`, active: true, sendsEmail: true, zone: 'Global' }])}
      />
    </fieldset>
  );
}

function HostThreadsEditor({ label, value, onChange }: { label: string; value: FactValue | undefined; onChange(value: FactValue): void }) {
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
  const rebuild = (list: Array<[string, FactValue]>) => onChange(list.length ? Object.fromEntries(list) : null);
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      {entries.length === 0 && <p className="muted small">No per-host rows.</p>}
      {entries.map(([host, threads], i) => (
        <div className="row" key={i}>
          <input
            aria-label={`Per-host row ${i + 1} host`}
            value={host}
            onChange={(e) => rebuild(entries.map((en, j) => (j === i ? [e.target.value, en[1]] : en)))}
          />
          <input
            aria-label={`Per-host row ${i + 1} threads`}
            inputMode="numeric"
            className="ts-narrow"
            value={String(threads ?? '')}
            onChange={(e) => rebuild(entries.map((en, j) => (j === i ? [en[0], Number(e.target.value)] : en)))}
          />
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-label={`Remove per-host row ${host}`}
            onClick={() => rebuild(entries.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="btn btn-small" onClick={() => rebuild([...entries, [`HOST${entries.length + 1}`, 1]])}>
          Add per-host row
        </button>
      </div>
    </fieldset>
  );
}

/**
 * Other senders on the mailbox. Not answered is not "none": an empty list is only saved when the
 * engineer says "No other sender".
 */
function SendersEditor({
  label,
  rows,
  columns = [],
  answered,
  onChange,
  onNone,
}: {
  label: string;
  rows: Row[];
  columns?: Array<{ key: string; label: string }>;
  answered: boolean;
  onChange(value: FactValue): void;
  onNone(): void;
}) {
  const set = (i: number, patch: Row) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      {rows.length === 0 &&
        (answered ? (
          <p className="small">No other sender: only this environment sends through this mailbox.</p>
        ) : (
          <p className="muted small">
            Not answered yet. Add other environments (DEV, QA, LifeTime) or applications that send through the same mailbox, or say there is none.
          </p>
        ))}
      {rows.map((row, i) => {
        const name = String(row.name ?? '') || `sender ${i + 1}`;
        return (
          <div className="row" key={i}>
            {/* A visible label like the numbers beside it; the accessible name says which row. */}
            <label className="row small">
              Name
              <input aria-label={`Other sender ${i + 1} name`} value={String(row.name ?? '')} onChange={(e) => set(i, { name: e.target.value })} />
            </label>
            {columns.map((column) => (
              <label key={column.key} className="row small">
                {column.label}
                <input
                  aria-label={`${column.label}: ${name}`}
                  inputMode="numeric"
                  className="ts-narrow"
                  value={String(row[column.key] ?? '')}
                  onChange={(e) => set(i, { [column.key]: e.target.value.trim() === '' ? null : Number(e.target.value.replace(/[\s,]/g, '')) })}
                />
              </label>
            ))}
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove ${name}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onChange([...rows, { name: '', ...Object.fromEntries(columns.map((c) => [c.key, 1])) }])}
        >
          Add other sender
        </button>{' '}
        {rows.length === 0 && !answered && (
          <button type="button" className="btn btn-small btn-primary" onClick={onNone}>
            No other sender
          </button>
        )}
      </div>
    </fieldset>
  );
}
