import { useEffect, useState } from 'react';
import type { SessionView } from '../../../../../shared/wizard/view';
import { formatLocalTime } from '../../../format-time';
import { useWizard } from '../store';

/**
 * Verify: the back end reads the values after the change, the errors and the emails sent since the
 * restart, and judges. Pass, fail (back to the plan) or watching: re-checked every N minutes while
 * this page is open, until there was enough traffic to prove the fix.
 */
export function Verify({ view }: { view: SessionView }) {
  const act = useWizard((s) => s.act);
  const verify = useWizard((s) => s.verify);
  const [minutes, setMinutes] = useState('5');
  const v = view.session.verification;
  const watching = v?.result === 'watch' ? (v.watchMinutes ?? 5) : null;
  const offline = view.session.offline;
  // Where a failed check sends the engineer: the plan, or the step that applies the fix.
  const backTo = view.steps.find((s) => s.kind === 'choose-plan') ?? view.steps.find((s) => s.kind === 'apply');

  useEffect(() => {
    if (watching === null || offline) return;
    const timer = window.setInterval(() => void verify('Watching: reading again'), watching * 60_000);
    return () => window.clearInterval(timer);
  }, [watching, offline, verify]);

  if (view.session.diagnosis?.allWithinLimit) return <p className="muted">Nothing to verify: no change was made.</p>;
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void verify('Verifying')}>
          Verify now
        </button>
        <label htmlFor="ts-watch-minutes" className="small">
          Re-check every (minutes)
        </label>
        <input id="ts-watch-minutes" className="ts-narrow" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        <button
          type="button"
          className="btn"
          onClick={() => void act({ type: 'verify', result: 'watch', watchMinutes: Math.max(1, Math.round(Number(minutes)) || 5) })}
        >
          Watch
        </button>
      </div>
      {v && (
        <div role="status" className={`banner ${v.result === 'pass' ? 'banner-success' : v.result === 'fail' ? 'banner-error' : 'banner-warning'}`}>
          <div className="banner-body">
            <strong>{v.result === 'pass' ? 'Pass.' : v.result === 'fail' ? 'Fail.' : 'Not yet verified.'}</strong> {v.summary}
            <p className="small muted">
              Checked {formatLocalTime(v.at)}
              {v.since ? `; ${view.playbook.restartService ? 'restart' : 'fix recorded'} ${formatLocalTime(v.since)}` : ''}
              {v.budgetAfter ? `; now ${v.budgetAfter.mailboxes.map((m) => m.arithmetic).join('; ')}` : ''}
            </p>
            {v.result === 'fail' && backTo && (
              <button type="button" className="btn btn-small" onClick={() => void act({ type: 'goto', step: backTo.id })}>
                Back to “{backTo.title}”
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
