import { useState } from 'react';
import type { SessionView } from '../../../../../shared/wizard/view';
import { useWizard } from '../store';
import { Instructions } from '../Instructions';

/** The plans, the recommendation first, each with its exact steps; choosing one asks why when it is not the first. */
export function Plans({ view }: { view: SessionView }) {
  const act = useWizard((s) => s.act);
  const plans = view.session.diagnosis?.plans ?? [];
  const chosen = view.session.plan?.id ?? null;
  const [reason, setReason] = useState('');
  if (view.session.diagnosis?.allWithinLimit) return null;
  if (plans.length === 0) return <p className="muted">No plan fits; see the alternatives in the diagnosis.</p>;
  return (
    <div className="stack">
      {plans.map((plan, i) => (
        <article key={plan.id} className={`card stack ts-plan${chosen === plan.id ? ' ts-plan-chosen' : ''}`} aria-labelledby={`ts-plan-${plan.id}`}>
          <div className="row">
            <h4 id={`ts-plan-${plan.id}`}>{plan.title}</h4>
            {i === 0 && <span className="badge badge-success">Recommended</span>}
            <span className="spacer" />
            <button
              type="button"
              className={chosen === plan.id || i > 0 ? 'btn' : 'btn btn-primary'}
              aria-label={`${chosen === plan.id ? 'Chosen' : 'Choose this plan'}: ${plan.title}`}
              aria-pressed={chosen === plan.id}
              onClick={() => void act({ type: 'choose-plan', planId: plan.id, reason })}
            >
              {chosen === plan.id ? 'Chosen' : 'Choose this plan'}
            </button>
          </div>
          <p className="muted">{plan.tradeOff}</p>
          {/* The button says it is chosen; the reason goes with it, once. */}
          {chosen === plan.id && view.session.plan?.reason && <p className="small">Reason: {view.session.plan.reason}</p>}
          <Instructions steps={view.planInstructions[plan.id] ?? []} />
        </article>
      ))}
      <div className="field">
        <label htmlFor="ts-plan-reason">Why this plan (needed before choosing one that is not recommended)</label>
        <input id="ts-plan-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </div>
  );
}
