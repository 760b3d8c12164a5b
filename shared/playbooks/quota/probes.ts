import { QUOTA_MATCHERS } from '../../incidents/quota-matchers';
import type { EmailQueueProbeResult, EmailsSentProbeResult, ErrorsProbeResult, RecipientsProbeResult } from '../../probes/types';
import type { ProbeKind, ProbeUse } from '../../wizard/playbook';
import { emailsSentFacts, errorLogFacts, errorsSinceFixFacts, type NewFact } from '../common/probe-facts';
import { ERROR_NAME, PROBE } from './facts';
import { utc } from './instructions';

export const QUOTA_PROBES: Record<ProbeKind, ProbeUse> = {
  [PROBE.errors]: { probe: 'error-log', label: 'Search the error log for 554 5.2.0', matchers: QUOTA_MATCHERS, errorName: ERROR_NAME, window: true },
  [PROBE.emailQueue]: { probe: 'email-queue', label: 'Read the email queue' },
  [PROBE.recipients24h]: { probe: 'recipients', label: 'Count the recipients of the last 24 h' },
  [PROBE.errorsAfter]: { probe: 'error-log', label: 'Count 554 5.2.0 since the fix', matchers: QUOTA_MATCHERS, errorName: ERROR_NAME, sinceFix: true },
  [PROBE.queueAfter]: { probe: 'email-queue', label: 'Read the email queue again' },
  [PROBE.sentAfter]: { probe: 'emails-sent', label: 'Count emails sent since the fix', sinceFix: true },
  [PROBE.recipientsAfter]: { probe: 'recipients', label: 'Count the recipients of the last 24 h again' },
};

function perHourText(r: ErrorsProbeResult): string | null {
  const hours = (r.perHour ?? []).filter((h) => h.count > 0);
  if (hours.length === 0) return null;
  const peak = hours.reduce((max, h) => (h.count > max.count ? h : max));
  const total = hours.reduce((sum, h) => sum + h.count, 0);
  const average = Math.round((total / hours.length) * 10) / 10;
  const latest = hours
    .slice(-24)
    .map((h) => `${h.hour.slice(11, 16)} ${h.count}`)
    .join(', ');
  return `${hours.length} hour${hours.length === 1 ? '' : 's'} with errors, ${average} per hour on average, at most ${peak.count} (hour of ${utc(peak.hour)}); by hour, UTC: ${latest}`;
}

function queueFacts(r: EmailQueueProbeResult, prefix: 'queue' | 'after.queue'): NewFact[] {
  const facts: NewFact[] = [{ key: `${prefix}.summary`, value: r.summary, detail: 'email queue' }];
  if (!r.known) return facts;
  const within = r.windowDays ? `emails of the last ${r.windowDays} days${r.capped ? ', at least (row cap reached)' : ''}` : 'email queue';
  if (typeof r.failing === 'number') facts.push({ key: `${prefix}.failing`, value: r.failing, detail: within });
  if (prefix === 'queue' && typeof r.abandoned === 'number') {
    const backoff = r.backoffMaxDays !== undefined ? `, past ${r.backoffMaxDays} days of retries` : '';
    facts.push({ key: 'queue.abandoned', value: r.abandoned, detail: `${within}${backoff}` });
  }
  return facts;
}

/** What each probe's result says, as facts of the steps that read it. */
export function quotaFactsFromProbe(probe: ProbeKind, result: unknown): NewFact[] {
  switch (probe) {
    case PROBE.errors: {
      const r = result as ErrorsProbeResult;
      const perHour = perHourText(r);
      return [...errorLogFacts(r, '554 5.2.0'), ...(perHour ? [{ key: 'errors.perHour', value: perHour, detail: 'error log, per hour' }] : [])];
    }
    case PROBE.emailQueue:
      return queueFacts(result as EmailQueueProbeResult, 'queue');
    case PROBE.recipients24h: {
      const r = result as RecipientsProbeResult;
      if (!r.known) return [];
      const window = `sent since ${utc(r.since)}${r.capped ? ', at least (row cap reached)' : ''}`;
      const facts: NewFact[] = [];
      if (typeof r.emails === 'number') facts.push({ key: 'volume.emails', value: r.emails, detail: `emails ${window}` });
      if (typeof r.recipients === 'number') {
        const columns = r.evidence?.recipientColumns?.length ? `OSSYS_EMAIL ${r.evidence.recipientColumns.join(', ')}` : 'OSSYS_EMAIL';
        facts.push({ key: 'volume.recipients', value: r.recipients, detail: `recipients of the emails ${window}, from ${columns}` });
      }
      return facts;
    }
    case PROBE.errorsAfter:
      return errorsSinceFixFacts(result as ErrorsProbeResult);
    case PROBE.queueAfter:
      return queueFacts(result as EmailQueueProbeResult, 'after.queue');
    case PROBE.sentAfter:
      return emailsSentFacts(result as EmailsSentProbeResult);
    case PROBE.recipientsAfter: {
      const r = result as RecipientsProbeResult;
      if (!r.known || typeof r.recipients !== 'number') return [];
      return [
        {
          key: 'after.volume.recipients',
          value: r.recipients,
          detail: `recipients of the emails sent since ${utc(r.since)}${r.capped ? ', at least (row cap reached)' : ''}`,
        },
      ];
    }
    default:
      return [];
  }
}
