import { useState } from 'react';
import type { ApplyPreview } from '../../../../../shared/probes/types';
import type { SessionView } from '../../../../../shared/wizard/view';
import { api } from '../../../api/client';
import { withErrorBanner } from '../../../stores/ui';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatLocalTime } from '../../../format-time';
import { DoneAt, fromLocalInput } from '../DoneAt';
import { useWizard } from '../store';

type Preview = ApplyPreview & { expected: string | null; newValue: number };

/**
 * Apply: from the app (threads value on a saved connection: exact SQL preview, confirmation, the
 * value read back, undo) or "I applied it myself" with a note of what was done.
 */
export function Apply({ view }: { view: SessionView }) {
  const apply = useWizard((s) => s.apply);
  const undo = useWizard((s) => s.undo);
  const act = useWizard((s) => s.act);
  const running = useWizard((s) => s.running);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [undoing, setUndoing] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [doneAt, setDoneAt] = useState('');
  const options = view.fix.options;
  const [option, setOption] = useState<string>(options.length === 1 ? options[0]!.id : '');
  const { session, applyFromApp } = view;
  const kindOf = (id: string | undefined) => options.find((o) => o.id === id);
  if (session.diagnosis?.allWithinLimit) return <p className="muted">Nothing to apply: the budget is within the limit.</p>;

  return (
    <div className="stack">
      {session.plan?.plan && (
        <p>
          Plan: <strong>{session.plan.plan.title}</strong>
        </p>
      )}
      <section className="card stack" aria-labelledby="ts-apply-app">
        <h4 id="ts-apply-app">Apply from the app</h4>
        {applyFromApp && 'unavailable' in applyFromApp ? (
          <p className="muted">{applyFromApp.unavailable}</p>
        ) : applyFromApp ? (
          <>
            <p>{applyFromApp.description}</p>
            <div className="row">
              <button
                type="button"
                className="btn"
                disabled={running !== null}
                onClick={() => void withErrorBanner(() => api['sessions.previewApply']({ id: session.id })).then((p) => p && setPreview(p))}
              >
                Preview the change
              </button>
              <button type="button" className="btn btn-primary" disabled={!preview || running !== null} onClick={() => setConfirming(true)}>
                Apply…
              </button>
            </div>
            {preview && (
              <div className="stack">
                <p>{preview.description}</p>
                <pre aria-label="Statement to run">{preview.statement}</pre>
                <p className="small mono">
                  Parameters:{' '}
                  {Object.entries(preview.parameters)
                    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
                    .join(', ')}
                </p>
              </div>
            )}
          </>
        ) : null}
        {session.applies.length > 0 && (
          <table className="table">
            <caption className="ts-caption">Changes applied from the app</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Before</th>
                <th scope="col">After (read back)</th>
                <th scope="col">By, when</th>
                <th scope="col">
                  <span className="visually-hidden">Undo</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {session.applies.map((a) => (
                <tr key={a.auditId}>
                  <td>{a.target}</td>
                  <td>{a.before ?? '(no row)'}</td>
                  <td>{a.after}</td>
                  <td>
                    {a.actor}, {formatLocalTime(a.at)}
                  </td>
                  <td>
                    {a.undone ? (
                      <span className="badge">Undone {formatLocalTime(a.undoneAt)}</span>
                    ) : (
                      <button type="button" className="btn btn-small" disabled={running !== null} onClick={() => setUndoing(a.auditId)}>
                        Undo
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card stack" aria-labelledby="ts-apply-self">
        <h4 id="ts-apply-self">I applied it myself</h4>
        <div className="field">
          <label htmlFor="ts-manual-note">What you changed, where</label>
          <textarea
            id="ts-manual-note"
            value={note}
            placeholder="What you changed, where, and the value before and after"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {options.length > 1 && (
          <fieldset className="field">
            <legend>Which fix was made</legend>
            {options.map((o) => (
              <label key={o.id} className="ts-fix-option">
                <input type="radio" name="ts-fix-option" value={o.id} checked={option === o.id} onChange={() => setOption(o.id)} />
                <span>
                  <span className={o.lasting ? 'badge badge-success' : 'badge badge-warning'}>{o.lasting ? 'lasting fix' : 'stop-gap'}</span> {o.label}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <DoneAt id="ts-manual-at" label="Done at" value={doneAt} onChange={setDoneAt} />
        <div>
          <button
            type="button"
            className="btn"
            disabled={!note.trim() || !option}
            onClick={() =>
              void act({ type: 'applied-manually', note, option, ...(fromLocalInput(doneAt) ? { at: fromLocalInput(doneAt) } : {}) }).then(
                (ok) => ok && (setNote(''), setDoneAt('')),
              )
            }
          >
            Record what I applied
          </button>
        </div>
        {session.manualApplies.map((m, i) => (
          <p key={i} className="small">
            <span className="badge ts-src-engineer">typed</span>{' '}
            {kindOf(m.option) && !kindOf(m.option)!.lasting && <span className="badge badge-warning">stop-gap</span>} {m.actor}, {formatLocalTime(m.at)}:{' '}
            {m.note}
          </p>
        ))}
      </section>
      {confirming && preview && (
        <ConfirmDialog
          title="Apply this change to the platform database?"
          confirmLabel="Apply the change"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void apply().then((ok) => ok && setPreview(null));
          }}
        >
          <p>
            {session.environment.name}: {preview.description} One transaction; the previous value is recorded and can be undone.
          </p>
          <pre>{preview.statement}</pre>
        </ConfirmDialog>
      )}
      {undoing && (
        <ConfirmDialog
          title="Undo the change?"
          confirmLabel="Undo the change"
          onCancel={() => setUndoing(null)}
          onConfirm={() => {
            const id = undoing;
            setUndoing(null);
            void undo(id);
          }}
        >
          <p>The recorded previous value is written back, and the undo is audited.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
