import type { QuotaOption, QuotaResult } from '../../../../shared/capacity/types';
import { thousands } from '../../../../shared/capacity/wording';
import { QuotaChart } from './BudgetChart';
import { BudgetTable, quotaRows } from '../../components/BudgetTable';

/** The quota's one-line state, for the banner next to the connection verdict; null when nothing to say. */
export function QuotaBanner({ quota }: { quota: QuotaResult }) {
  if (!quota.checked && quota.warnings.length === 0) return null;
  const over = !quota.allWithinLimit;
  const tone = over ? 'banner-error' : quota.warnings.length > 0 ? 'banner-warning' : 'banner-success';
  return (
    <div role="status" className={`banner ${tone}`}>
      <div className="banner-body">
        <strong>{!quota.checked ? 'Recipients quota not checked.' : over ? 'Over the recipients quota.' : 'Within the recipients quota.'}</strong>{' '}
        {quota.verdict}
        {quota.warnings.map((w) => (
          <p key={w} className="whatif-quota-warning">
            {w}
          </p>
        ))}
      </div>
    </div>
  );
}

/** Recipients per 24 h per mailbox: chart, table, and the ways out of the quota. */
export function QuotaSection({ quota, connectionLimit }: { quota: QuotaResult; connectionLimit: number }) {
  const anyVolume = quota.mailboxes.some((m) => m.senders.some((s) => s.recipientsPerDay !== null));
  return (
    <>
      <section className="card" aria-labelledby="whatif-quota">
        <h3 id="whatif-quota">Recipients per 24 hours</h3>
        <p className="muted small">
          {quota.limitSource === 'input' && quota.limit !== null
            ? `Limit given: ${thousands(quota.limit)} recipients per ${quota.scope === 'account' ? 'account' : 'mailbox'} per 24 h. `
            : ''}
          {quota.rule}
        </p>
        {!anyVolume ? (
          <p className="muted">Not checked: give an environment’s emails per day and recipients per email, or its recipients per day.</p>
        ) : (
          <>
            {!quota.checked && <p>{quota.verdict}</p>}
            <QuotaChart quota={quota} />
            <BudgetTable caption="Recipients per 24 h per mailbox" captionHidden amountHeader="Recipients per 24 h" rows={quotaRows(quota.mailboxes)} />
          </>
        )}
      </section>
      {quota.options.length > 0 && (
        <section aria-labelledby="whatif-quota-options" className="stack">
          <h3 id="whatif-quota-options">Ways out of the quota</h3>
          {quota.options.map((option, i) => (
            <QuotaOptionCard key={option.id} option={option} first={i === 0 && option.fits} connectionLimit={connectionLimit} />
          ))}
        </section>
      )}
    </>
  );
}

function QuotaOptionCard({ option, first, connectionLimit }: { option: QuotaOption; first: boolean; connectionLimit: number }) {
  return (
    <article className={`card whatif-plan ${first ? 'whatif-plan-recommended' : ''}`} aria-label={`Quota option: ${option.title}`}>
      <div className="row">
        {first && <span className="badge badge-success">Simplest</span>}
        <span className={`badge ${option.fits ? 'badge-success' : 'badge-warning'}`}>{option.fits ? 'fits' : 'does not fit'}</span>
        <h4 className="whatif-plan-title">{option.title}</h4>
      </div>
      <p className="whatif-tradeoff">{option.detail}</p>
      {option.after && (
        <ul className="whatif-changes" aria-label="Mailboxes after">
          {option.after.map((a) => (
            <li key={a.mailbox}>
              {a.mailbox}: {a.environments.join(' + ')} · {thousands(a.recipients)} recipients per 24 h ({a.withinLimit ? 'within' : 'over'}) · {a.connections}{' '}
              {a.connections === 1 ? 'connection' : 'connections'}
              {a.connections > connectionLimit ? ` (over ${connectionLimit}: see the connection plans)` : ''}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
