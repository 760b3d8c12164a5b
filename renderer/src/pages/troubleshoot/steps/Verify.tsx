import { useEffect, useState } from 'react';
import type { CriterionState } from '../../../../../shared/wizard/criteria';
import { OUTCOME_LABELS } from '../../../../../shared/wizard/outcome';
import type { SessionView } from '../../../../../shared/wizard/view';
import { formatLocalTime } from '../../../format-time';
import { useWizard } from '../store';

const STATE_BADGES: Record<CriterionState, { text: string; className: string }> = {
  pass: { text: 'holds', className: 'badge badge-success' },
  watching: { text: 'not yet', className: 'badge badge-warning' },
  fail: { text: 'failed', className: 'badge badge-danger' },
  unknown: { text: 'not known', className: 'badge' },
  skipped: { text: 'not checked', className: 'badge' },
};

/**
 * Verify: the back end reads the values after the change, then the engine judges each criterion the
 * playbook declares. What is typed in the step is saved first, so the judgement uses what is true now.
 * Pass, fail (back to the fix) or not yet verified: re-checked every N minutes while this page is
 * open, or finished as not yet verified with what is still open.
 */
export function Verify({ view, saveDrafts }: { view: SessionView; saveDrafts: () => Promise<boolean> }) {
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
  const verifyNow = async () => {
    if (await saveDrafts()) await verify('Verifying');
  };
  return (
    <div className="stack">
      <p className="small muted">
        {view.fix.effectiveAt
          ? `The fix took effect ${formatLocalTime(view.fix.effectiveAt)}.`
          : `The fix has not taken effect yet: ${view.fix.pending ?? ''}.`}
      </p>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void verifyNow()}>
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
          <div className="banner-body stack">
            <p>
              <strong>{v.result === 'pass' ? 'Verified.' : v.result === 'fail' ? 'Not fixed.' : 'Not yet verified.'}</strong>{' '}
              <span className="muted small">Checked {formatLocalTime(v.at)}.</span>
            </p>
            {v.criteria && v.criteria.length > 0 && (
              <ul className="ts-criteria" aria-label="What must hold">
                {v.criteria.map((c) => (
                  <li key={c.id}>
                    <span className={STATE_BADGES[c.state].className}>{STATE_BADGES[c.state].text}</span> {c.label}: <span className="small">{c.seen}</span>
                    {c.until && <span className="small muted"> (can pass from {formatLocalTime(c.until)})</span>}
                  </li>
                ))}
              </ul>
            )}
            <div className="row">
              {v.result === 'fail' && backTo && (
                <button type="button" className="btn btn-small" onClick={() => void act({ type: 'goto', step: backTo.id })}>
                  Back to “{backTo.title}”
                </button>
              )}
              {v.result === 'watch' && (
                <button type="button" className="btn btn-small" onClick={() => void act({ type: 'complete' })}>
                  Finish as {OUTCOME_LABELS[view.outcome.status].toLowerCase()}
                </button>
              )}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
