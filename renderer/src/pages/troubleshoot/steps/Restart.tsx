import { useState } from 'react';
import type { SessionView } from '../../../../../shared/wizard/view';
import { DoneAt, fromLocalInput } from '../DoneAt';
import { formatLocalTime } from '../../../format-time';
import { useWizard } from '../store';

/** One checkbox per front-end; ticking records the time. */
export function Restart({ view }: { view: SessionView }) {
  const act = useWizard((s) => s.act);
  const [doneAt, setDoneAt] = useState('');
  if (view.session.diagnosis?.allWithinLimit) return <p className="muted">No restart needed: nothing was changed.</p>;
  return (
    <div className="card stack">
      <DoneAt id="ts-restart-at" label="Restarted at" value={doneAt} onChange={setDoneAt} />
      <fieldset className="field">
        <legend>{view.playbook.restartService ?? 'Service'} restarted on</legend>
        <ul className="ts-checklist">
          {view.session.restart.map((r) => (
            <li key={r.server}>
              <label className="row">
                <input
                  type="checkbox"
                  checked={r.at !== null}
                  onChange={(e) => {
                    const at = e.target.checked ? fromLocalInput(doneAt) : undefined;
                    void act({ type: 'tick', server: r.server, done: e.target.checked, ...(at ? { at } : {}) });
                  }}
                />
                {r.server}
              </label>
              {r.at && (
                <time className="muted small" dateTime={r.at}>
                  done {formatLocalTime(r.at)}
                </time>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}
