import { attachmentsOf } from '../../../shared/attachments';
import { ERRORS_COUNT } from '../../../shared/playbooks/common/probe-facts';
import { formatTime } from '../../../shared/format-time';
import type { ReportSessionInput } from '../../../shared/report/session-input';
import type { EmailQueueProbeResult, ErrorsProbeResult } from '../../../shared/probes/types';
import { contextOf } from '../../../shared/wizard/context';
import { describeValue, labelOf } from '../../../shared/wizard/words';
import { decideOutcome } from '../../../shared/wizard/outcome';
import { sourceLine } from '../../../shared/wizard/provenance';
import { restartOf } from '../../../shared/wizard/fix';
import type { Playbook, ProbeKind } from '../../../shared/wizard/playbook';
import type { Fact, Session } from '../../../shared/wizard/session';

/**
 * The resolution report's view of a session: facts in words with their step, source and time, the
 * applies, the restart ticks, the verification and the event log. No credential is in a session,
 * so none can reach the report.
 */
export function toReportInput(session: Session, playbook: Playbook | undefined, now = new Date().toISOString()): ReportSessionInput {
  const stepTitle = (id: string) => playbook?.steps.find((s) => s.id === id)?.title ?? id;
  const v = session.verification;
  const report = playbook?.report;
  const errorName = report?.errorName ?? 'error';
  const symptom = report?.symptomProbe ? (session.probes[report.symptomProbe] as ErrorsProbeResult | undefined) : undefined;
  const ctx = contextOf(session);
  const factOf = (key: string): Fact | undefined => session.facts.find((f) => f.key === key);
  return {
    id: session.id,
    title: report?.title(session.environment.name) ?? `${playbook?.title ?? session.playbookId} on ${session.environment.name}`,
    errorName,
    references: report?.references ?? [],
    restartService: (playbook && restartOf(playbook)?.service) ?? null,
    fixSteps: playbook?.steps.flatMap((step) => step.instructions?.(ctx) ?? []).filter((i) => !i.forEngineer) ?? [],
    summary: report?.summary?.(ctx) ?? null,
    computesBudget: Boolean(playbook?.budget),
    startedAt: session.createdAt,
    endedAt: session.completedAt,
    customer: session.environment.customer,
    ticket: session.ticket ?? null,
    environment: {
      name: session.environment.name,
      role: session.environment.role,
      engine: session.environment.engine,
      host: session.environment.host,
    },
    facts: session.facts.map((f) => ({
      topic: stepTitle(f.step),
      label: playbook ? labelOf(playbook, f.key) : f.key,
      value: describeValue(f.value),
      source: sourceLine(f),
      at: f.at,
    })),
    errors: symptom ?? null,
    errorsSource: symptom && report?.symptomProbe ? resultSource(session, report.symptomProbe, symptom.readAt) : null,
    errorsGiven: symptom ? null : givenErrors(factOf),
    failedEmails: failedEmailsOf(session, playbook, factOf),
    outcome: outcomeOf(session, playbook, now),
    diagnosis: session.diagnosis,
    afterDiagnosis: v?.budgetAfter ?? null,
    chosenPlan: session.plan?.plan ? { plan: session.plan.plan, reason: session.plan.reason } : null,
    applies: [
      ...session.applies.map((a) => ({
        description: a.description,
        target: a.target,
        before: a.before,
        after: a.after,
        statement: a.statement,
        parameters: a.parameters,
        actor: a.actor,
        at: a.at,
        auditId: a.auditId,
        undone: a.undone,
        undoneAt: a.undoneAt ?? null,
      })),
      ...session.manualApplies.map((m) => ({
        description: m.note,
        target: 'Applied by hand',
        before: null,
        after: null,
        statement: null,
        parameters: null,
        actor: m.actor,
        at: m.at,
        auditId: null,
        undone: false,
      })),
    ],
    restart: session.restart.map((r) => ({ server: r.server, done: r.at !== null, at: r.at })),
    verification: v
      ? {
          at: v.at,
          passed: v.result === 'pass' ? true : v.result === 'fail' ? false : null,
          summary: v.summary,
          details: [
            ...(v.since ? [`Fix took effect: ${formatTime(v.since)}`] : []),
            ...(v.budgetAfter ? v.budgetAfter.mailboxes.map((m) => `${m.mailbox}: ${m.arithmetic}`) : []),
          ],
        }
      : null,
    events: session.events.map((e) => ({ at: e.at, message: e.summary })),
    databaseClock: session.clock?.summary ?? null,
    evidence: evidenceOf(session),
    attachments: attachmentsOf(session),
  };
}

/** The engine's decision: the stored one once completed, else what completing now would decide (status "in-progress"). */
function outcomeOf(session: Session, playbook: Playbook | undefined, now: string): ReportSessionInput['outcome'] {
  const restart = playbook && restartOf(playbook)?.service;
  const fixTakesEffect =
    playbook?.fix.takesEffect === 'restart' && restart ? `when the ${restart} was restarted on every front-end server` : 'when the change was made';
  if (!playbook) {
    return { status: session.status, reason: '', fixTakesEffect, fixAt: null, fixes: [], criteria: [], followUps: [] };
  }
  const decision = session.outcome ?? decideOutcome(session, playbook, contextOf(session), now);
  return {
    status: session.completedAt ? decision.status : 'in-progress',
    reason: decision.reason,
    fixTakesEffect,
    fixAt: decision.fixAt,
    fixes: decision.fixes,
    criteria: decision.judgement?.criteria ?? [],
    followUps: decision.followUps,
  };
}

/** Where a kept result came from, as a report "Source" line. */
function resultSource(session: Session, probe: ProbeKind, readAt: string): { source: string; at: string } {
  const origin = session.probeOrigins?.[probe];
  if (origin?.kind === 'imported') return { source: sourceLine({ source: 'imported', detail: origin.label }), at: readAt };
  const environment = origin?.kind === 'database' ? origin.environment : session.environment.name;
  return { source: sourceLine({ source: 'probe', detail: `error log of ${environment}` }), at: readAt };
}

/** The count of errors as typed in (or imported into a fact) when no search result is kept. */
function givenErrors(factOf: (key: string) => Fact | undefined): ReportSessionInput['errorsGiven'] {
  const count = factOf(ERRORS_COUNT);
  if (!count || typeof count.value !== 'number') return null;
  const time = (key: string) => {
    const value = factOf(key)?.value;
    return typeof value === 'string' ? value : null;
  };
  return { count: count.value, firstSeen: time('errors.firstSeen'), lastSeen: time('errors.lastSeen'), source: sourceLine(count), at: count.at };
}

/** The email queue: the first reading of the playbook's email-queue probe, else what was typed in. */
function failedEmailsOf(session: Session, playbook: Playbook | undefined, factOf: (key: string) => Fact | undefined): ReportSessionInput['failedEmails'] {
  const probe = Object.entries(playbook?.probes ?? {}).find(([, use]) => use.probe === 'email-queue')?.[0];
  const kept = probe ? (session.probes[probe] as EmailQueueProbeResult | undefined) : undefined;
  if (kept?.known) {
    const origin = session.probeOrigins?.[probe!];
    return {
      failing: kept.failing ?? null,
      abandoned: kept.abandoned ?? null,
      source: sourceLine({ source: origin?.kind === 'imported' ? 'imported' : 'probe', detail: 'email queue' }),
      at: kept.readAt,
    };
  }
  const failing = factOf('queue.failing');
  const abandoned = factOf('queue.abandoned');
  const number = (f: Fact | undefined) => (f && typeof f.value === 'number' ? f.value : null);
  const given = failing ?? abandoned;
  if (!given || (number(failing) === null && number(abandoned) === null)) return null;
  return { failing: number(failing), abandoned: number(abandoned), source: sourceLine(given), at: given.at };
}

/** Labels of the evidence a probe keeps about where settings live (no values, names only). */
const EVIDENCE_LABELS: Record<string, string> = {
  serverColumns: 'Columns of OSSYS_SERVER',
  mailParameters: 'OSSYS_PARAMETER names about mail, email or SMTP (values not read)',
  emailColumns: 'Columns of the email table',
  recipientColumns: 'Columns taken as recipients (To, Cc, Bcc)',
};

/**
 * What the live database showed about where settings live, from every kept probe result that
 * carries evidence (the latest wins): kept in the report because no public source says where
 * "Send Emails" or the recipients are stored.
 */
function evidenceOf(session: Session): Array<{ label: string; value: string }> {
  const byLabel = new Map<string, string>();
  for (const result of Object.values(session.probes)) {
    const evidence = (result as { evidence?: Record<string, unknown> } | null | undefined)?.evidence;
    if (!evidence || typeof evidence !== 'object') continue;
    for (const [key, value] of Object.entries(evidence)) {
      // Only what has a customer's label: an internal key never reaches the report.
      const label = EVIDENCE_LABELS[key];
      if (!label || !Array.isArray(value)) continue;
      const words = value.map((item) =>
        item && typeof item === 'object' && 'name' in item ? `${String(item.name)}${item.host ? ` (host ${String(item.host)})` : ''}` : String(item),
      );
      byLabel.set(label, words.join(', ') || 'none');
    }
  }
  return [...byLabel].map(([label, value]) => ({ label, value }));
}
