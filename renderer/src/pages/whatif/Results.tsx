import { useState } from 'react';
import { budgetToMarkdown } from '../../../../shared/capacity/markdown';
import type { BudgetResult, Plan } from '../../../../shared/capacity/types';
import { BudgetTable, connectionRows } from '../../components/BudgetTable';
import { useUi } from '../../stores/ui';
import { BudgetChart } from './BudgetChart';
import { QuotaBanner, QuotaSection } from './Quota';

/**
 * Verdict, chart, per-mailbox arithmetic, plans and ways out, then the recipients per 24 h quota;
 * the result of the last valid input.
 */
export function Results({ result, stale }: { result: BudgetResult; stale: boolean }) {
  return (
    <div className="stack" aria-live="polite">
      <div role="status" className={`banner ${result.allWithinLimit ? 'banner-success' : 'banner-error'}`}>
        <div className="banner-body">
          <strong>{result.allWithinLimit ? 'Within the limit.' : 'Over the limit.'}</strong> {result.verdict}
          {stale && <p className="small">This is the result of the last valid input; fix the marked fields to update it.</p>}
        </div>
      </div>
      <QuotaBanner quota={result.quota} />
      <section className="card" aria-labelledby="whatif-mailboxes">
        <div className="row">
          <h3 id="whatif-mailboxes">Connections per mailbox</h3>
          <span className="spacer" />
          <CopyMarkdown result={result} />
        </div>
        <BudgetChart result={result} />
        <BudgetTable
          caption="Connections per mailbox (the chart as a table)"
          captionHidden
          amountHeader="Connections"
          rows={connectionRows(result.mailboxes)}
          mono
        />
      </section>
      {result.plans.length > 0 && (
        <section aria-labelledby="whatif-plans" className="stack">
          <h3 id="whatif-plans">Plans</h3>
          {result.plans.map((plan, i) => (
            <PlanCard key={plan.id} plan={plan} recommended={i === 0} />
          ))}
          <p className="muted small">After changing the threads value or Send Emails, restart the Scheduler Service on every front-end server.</p>
        </section>
      )}
      {result.noPlan.map((none) => (
        <section key={none.mailbox} className="card whatif-noplan" aria-label={`No plan for ${none.mailbox}`}>
          <h3>No plan for {none.mailbox}</h3>
          <p>{none.reason}</p>
          <p>Ways out that Microsoft documents:</p>
          <ul>
            {none.alternatives.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>
      ))}
      <QuotaSection quota={result.quota} connectionLimit={result.provider.limit} />
    </div>
  );
}

function PlanCard({ plan, recommended }: { plan: Plan; recommended: boolean }) {
  return (
    <article
      className={`card whatif-plan ${recommended ? 'whatif-plan-recommended' : ''}`}
      aria-label={`${recommended ? 'Recommended plan' : 'Alternative plan'}: ${plan.title}`}
    >
      <div className="row">
        {recommended && <span className="badge badge-success">Recommended</span>}
        {plan.touchesOverrides && <span className="badge badge-warning">Per-host override</span>}
        <h4 className="whatif-plan-title">{plan.title}</h4>
      </div>
      <p className="whatif-tradeoff">{plan.tradeOff}</p>
      <ul className="whatif-changes">
        {plan.changes.map((c) => (
          <li key={c.description}>{c.description}</li>
        ))}
      </ul>
      <p className="muted small">
        Connections after:{' '}
        {Object.entries(plan.connectionsAfter)
          .map(([m, c]) => `${m} ${c}`)
          .join(', ')}{' '}
        · email-sending servers after: {plan.emailServersAfter}
        {plan.throughput && (
          <>
            {' '}
            · {plan.throughput.before.messagesPerMinute} → {plan.throughput.after.messagesPerMinute} messages per minute
            {plan.throughput.after.minutesToDrain !== null && (
              <>
                {' '}
                · backlog drained in {plan.throughput.before.minutesToDrain} → {plan.throughput.after.minutesToDrain} min
              </>
            )}
          </>
        )}
      </p>
    </article>
  );
}

function CopyMarkdown({ result }: { result: BudgetResult }) {
  const [copied, setCopied] = useState(false);
  const showError = useUi((s) => s.showError);
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(budgetToMarkdown(result));
            setCopied(true);
            window.setTimeout(() => setCopied(false), 2500);
          } catch (error) {
            showError(new Error(`The result could not be copied to the clipboard (${(error as Error).message}).`));
          }
        }}
      >
        Copy as Markdown
      </button>
      <span role="status" className="small muted">
        {copied ? 'Copied' : ''}
      </span>
    </>
  );
}
