import { useId, useRef, useState } from 'react';
import { EVIDENCE_FIELDS, MAX_EVIDENCE_BYTES, type EvidenceField, type EvidenceMapping, type EvidencePreview } from '../../../../shared/api/methods/evidence';
import { ApiError } from '../../../../shared/api/errors';
import type { SessionView } from '../../../../shared/wizard/view';
import { api, newCallId } from '../../api/client';
import { useWizard } from './store';
import './evidence.css';

/** The file (or pasted text) chosen, with the mapping and zone the engineer settled on in the preview. */
export interface ChosenEvidence {
  fileName: string;
  contentBase64: string;
  mapping: EvidenceMapping;
  utcOffsetMinutes: number;
  preview: EvidencePreview;
}

const FIELD_LABELS: Record<EvidenceField, string> = {
  time: 'Time column',
  message: 'Message column',
  server: 'Server column',
  module: 'Module column',
  application: 'Application column',
};

const PASTED_NAME = 'pasted from the Errors page.txt';
const MB = 1024 * 1024;

/** Every offset from UTC-12:00 to UTC+14:00 by quarter hours. */
const OFFSETS = Array.from({ length: (840 + 720) / 15 + 1 }, (_, i) => -720 + i * 15);

export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function utcText(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/**
 * "Import evidence": the customer's Errors export (.xlsx, .csv) or text pasted from the Errors page.
 * The preview shows the first rows, the columns found by their headers (each a select the engineer
 * can change), the day/month order and the time zone; nothing changes until Import. On a session the
 * import is recorded at once; on New session (`onChosen`) it is kept for when the session starts.
 */
export function EvidenceImport({
  view,
  defaultOffset = 0,
  onChosen,
}: {
  view?: SessionView;
  defaultOffset?: number;
  onChosen?: (chosen: ChosenEvidence | null) => void;
}) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(!view);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<EvidencePreview | null>(null);
  const [offset, setOffset] = useState(defaultOffset);
  const [busy, setBusy] = useState<{ label: string; callId: string; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function read(next: { fileName: string; contentBase64: string }, mapping: EvidenceMapping | undefined, utcOffsetMinutes: number) {
    const callId = newCallId();
    setBusy({ label: 'Reading the file', callId, message: 'Starting' });
    setError(null);
    setDone(null);
    try {
      const result = await api['evidence.preview'](
        { ...next, ...(mapping ? { mapping } : {}), utcOffsetMinutes },
        { callId, onProgress: (p) => setBusy((b) => (b?.callId === callId ? { ...b, message: p.message } : b)) },
      );
      setFile(next);
      setPreview(result);
      onChosen?.({ ...next, mapping: result.mapping, utcOffsetMinutes, preview: result });
    } catch (e) {
      // A refused file is said here, beside the file chooser, and nothing is kept.
      setPreview(null);
      setFile(null);
      onChosen?.(null);
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function chooseFile(chosen: File | undefined) {
    if (!chosen) return;
    if (chosen.size > MAX_EVIDENCE_BYTES) {
      setPreview(null);
      onChosen?.(null);
      setError(
        `Too large: the file is ${(chosen.size / MB).toFixed(1)} MB; at most ${MAX_EVIDENCE_BYTES / MB} MB is read. Filter the export in Service Center and export again.`,
      );
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    await read({ fileName: chosen.name, contentBase64: toBase64(bytes) }, undefined, offset);
  }

  function change(mapping: EvidenceMapping, utcOffsetMinutes = offset) {
    if (file) void read(file, mapping, utcOffsetMinutes);
  }

  function discard() {
    setPreview(null);
    setFile(null);
    setError(null);
    onChosen?.(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  // What the session counts already: a later import adds to an earlier one; a database count is only replaced.
  const mainProbe = view?.steps.flatMap((s) => s.probes).find((p) => p.probe === 'error-log');
  const earlierCount = mainProbe ? (view?.session.probes[mainProbe.id] as { count?: number } | undefined) : undefined;
  const earlierOrigin = mainProbe ? view?.session.probeOrigins?.[mainProbe.id] : undefined;
  const earlier =
    earlierCount && typeof earlierCount.count === 'number'
      ? earlierOrigin?.kind === 'imported'
        ? { canAdd: true, words: earlierOrigin.label }
        : { canAdd: false, words: `${earlierCount.count.toLocaleString('en-US')} found in the error log, read from the database` }
      : null;

  async function confirm(replace = false) {
    if (!view || !file || !preview) return;
    const callId = newCallId();
    setBusy({ label: 'Importing', callId, message: 'Starting' });
    setError(null);
    try {
      const next = await api['sessions.importEvidence'](
        { id: view.session.id, ...file, mapping: preview.mapping, utcOffsetMinutes: offset, ...(replace ? { replace: true } : {}) },
        { callId, onProgress: (p) => setBusy((b) => (b?.callId === callId ? { ...b, message: p.message } : b)) },
      );
      useWizard.setState({ view: next, refusal: null });
      setDone(`Imported ${file.fileName}: the facts below say it is their source.`);
      discard();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function cancel() {
    if (busy) await api['app.cancel']({ callId: busy.callId }).catch(() => undefined);
  }

  if (view && !open) {
    return (
      <div className="row">
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          Import evidence
        </button>
        <span className="muted small">the customer's Errors export (.xlsx, .csv) or text copied from the Errors page</span>
        {done && (
          <span role="status" className="ts-ok small">
            {done}
          </span>
        )}
      </div>
    );
  }

  const mapping = preview?.mapping;
  const blocking = preview ? preview.problems.filter((p) => /^No (time|message) column|^No time could be read/.test(p)) : [];
  return (
    <section className="card stack ev-panel" aria-labelledby={`${id}-title`}>
      <div className="row">
        <h4 id={`${id}-title`}>Import evidence</h4>
        <span className="spacer" />
        {view && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => {
              discard();
              setOpen(false);
            }}
          >
            Close
          </button>
        )}
      </div>
      <p className="muted small">
        The file the customer downloaded from Service Center &gt; Monitoring &gt; Errors (.xlsx or .csv, at most 10 MB), or text copied from the Errors page.
        Its columns are found by their headers; check them below. Nothing changes until you import.
      </p>
      <div className="row">
        <label className="btn" htmlFor={`${id}-file`}>
          Choose a file…
        </label>
        <input
          id={`${id}-file`}
          ref={fileInput}
          className="visually-hidden"
          type="file"
          accept=".xlsx,.csv,.txt,.tsv,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="Evidence file"
          onChange={(e) => void chooseFile(e.target.files?.[0])}
        />
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={pasting}
          onClick={() => {
            // The other way in: a refusal of the file chosen before says nothing about text pasted now.
            setError(null);
            setPasting((p) => !p);
          }}
        >
          Paste text instead
        </button>
        {file && <span className="small">{file.fileName}</span>}
      </div>
      {pasting && (
        <div className="field">
          <label htmlFor={`${id}-paste`}>Text copied from the Errors page</label>
          <textarea
            id={`${id}-paste`}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="Rows of the Errors page, with their header row if you copied it"
          />
          <div className="row">
            <button
              type="button"
              className="btn"
              disabled={!pasted.trim() || busy !== null}
              onClick={() => void read({ fileName: PASTED_NAME, contentBase64: toBase64(new TextEncoder().encode(pasted)) }, undefined, offset)}
            >
              Preview the pasted rows
            </button>
          </div>
        </div>
      )}
      {busy && (
        <div className="row" role="status" aria-live="polite">
          <span>
            {busy.label}: {busy.message}
          </span>
          <progress aria-label={busy.label} max={1} />
          <button type="button" className="btn btn-small" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {preview && mapping && (
        <div className="stack" aria-label="Preview of the evidence">
          <p className="small" role="status">
            <strong>{preview.fileName}</strong>: {preview.rowCount.toLocaleString('en-US')} row{preview.rowCount === 1 ? '' : 's'}
            {preview.firstAt && `, from ${utcText(preview.firstAt)} to ${utcText(preview.lastAt)}`}.
          </p>
          {preview.problems.length > 0 && (
            <ul className="field-error small" aria-label="Problems">
              {preview.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <p className="muted small">
            Found by the headers:{' '}
            {EVIDENCE_FIELDS.filter((f) => preview.detected[f])
              .map((f) => `${f} = "${preview.detected[f]}"`)
              .join(', ') || 'none'}
            . Change any column that is wrong.
          </p>
          <div className="ev-mapping">
            {EVIDENCE_FIELDS.map((field) => (
              <div className="field" key={field}>
                <label htmlFor={`${id}-${field}`}>{FIELD_LABELS[field]}</label>
                <select
                  id={`${id}-${field}`}
                  value={mapping[field] ?? ''}
                  disabled={busy !== null}
                  aria-invalid={(field === 'time' || field === 'message') && !mapping[field] ? true : undefined}
                  onChange={(e) => change({ ...mapping, [field]: e.target.value || null })}
                >
                  <option value="">(none)</option>
                  {preview.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
                {(field === 'time' || field === 'message') && !mapping[field] && (
                  <span className="field-error small">Choose the column with the {field === 'time' ? 'time of each error' : 'error text'}.</span>
                )}
              </div>
            ))}
            <div className="field">
              <label htmlFor={`${id}-order`}>Dates like 01/12/2026</label>
              <select
                id={`${id}-order`}
                value={mapping.dayFirst ? 'day' : 'month'}
                disabled={busy !== null}
                onChange={(e) => change({ ...mapping, dayFirst: e.target.value === 'day' })}
              >
                <option value="day">Day first (1 December)</option>
                <option value="month">Month first (January 12)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-zone`}>Times in the file are in</label>
              <select
                id={`${id}-zone`}
                value={offset}
                disabled={busy !== null}
                onChange={(e) => {
                  const next = Number(e.target.value);
                  setOffset(next);
                  change(mapping, next);
                }}
              >
                {OFFSETS.map((m) => (
                  <option key={m} value={m}>
                    {offsetLabel(m)}
                    {m === defaultOffset && view?.session.clock ? ' (the database clock)' : ''}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {preview.notes.length > 0 && (
            <ul className="muted small">
              {preview.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <div className="ev-table-wrap">
            <table className="ev-table small">
              <caption className="visually-hidden">First rows of the file</caption>
              <thead>
                <tr>
                  <th scope="col">Read as (UTC)</th>
                  {preview.columns.map((c) => {
                    const field = EVIDENCE_FIELDS.find((f) => mapping[f] === c);
                    return (
                      <th scope="col" key={c}>
                        {c}
                        {field && <span className="badge ev-field">{field}</span>}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, r) => (
                  <tr key={r}>
                    <td className={preview.times[r] ? '' : 'field-error'}>{preview.times[r] ? utcText(preview.times[r]!) : 'no time'}</td>
                    {row.map((cell, c) => (
                      <td key={c} title={cell}>
                        {cell.length > 140 ? `${cell.slice(0, 140)}…` : cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {view ? (
            <div className="row">
              {earlier && (
                <p className="small" id={`${id}-earlier`}>
                  {earlier.canAdd
                    ? `Adds to the earlier import (${earlier.words}); rows already counted are not counted twice.`
                    : `The session counts the errors from the database (${earlier.words}): importing replaces that count.`}
                </p>
              )}
              {(!earlier || earlier.canAdd) && (
                <button type="button" className="btn btn-primary" disabled={busy !== null || blocking.length > 0} onClick={() => void confirm()}>
                  {earlier ? 'Add' : 'Import'} {preview.rowCount.toLocaleString('en-US')} rows
                </button>
              )}
              {earlier && (
                <button
                  type="button"
                  className={earlier.canAdd ? 'btn' : 'btn btn-primary'}
                  aria-describedby={`${id}-earlier`}
                  disabled={busy !== null || blocking.length > 0}
                  onClick={() => void confirm(true)}
                >
                  Replace the earlier count
                </button>
              )}
              <button type="button" className="btn btn-ghost" disabled={busy !== null} onClick={discard}>
                Discard
              </button>
            </div>
          ) : (
            <p className="muted small">The rows are counted with the playbook's matchers when the session starts.</p>
          )}
        </div>
      )}
    </section>
  );
}
