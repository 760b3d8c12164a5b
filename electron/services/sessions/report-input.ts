import { attachmentsOf } from '../../../shared/attachments';
import { formatTime } from '../../../shared/format-time';
import type { ReportSessionInput } from '../../../shared/report/session-input';
import type { ErrorsProbeResult } from '../../../shared/probes/types';
import { contextOf, describeValue, labelOf } from '../../../shared/wizard/engine';
import type { Playbook, Session } from '../../../shared/wizard/types';

/**
 * The resolution report's view of a session: facts in words with their step, source and time, the
 * applies, the restart ticks, the verification and the event log. No credential is in a session,
 * so none can reach the report.
 */
export function toReportInput(session: Session, playbook: Playbook | undefined): ReportSessionInput {
  const stepTitle = (id: string) => playbook?.steps.find((s) => s.id === id)?.title ?? id;
  const v = session.verification;
  const report = playbook?.report;
  const errorName = report?.errorName ?? 'error';
  const symptom = report?.symptomProbe ? (session.probes[report.symptomProbe] as ErrorsProbeResult | undefined) : undefined;
  const ctx = contextOf(session);
  return {
    id: session.id,
    title: report?.title(session.environment.name) ?? `${playbook?.title ?? session.playbookId} on ${session.environment.name}`,
    errorName,
    references: report?.references ?? [],
    restartService: playbook?.restart?.service ?? null,
    fixSteps: playbook?.steps.flatMap((step) => step.instructions?.(ctx) ?? []) ?? [],
    summary: report?.summary?.(ctx) ?? null,
    computesBudget: Boolean(playbook?.diagnosis),
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
      source: f.detail ? `${f.source} (${f.detail})` : f.source,
      at: f.at,
    })),
    errors: symptom ?? null,
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
            ...(v.since ? [`${playbook?.restart ? 'Restart' : 'Fix recorded'}: ${formatTime(v.since)}`] : []),
            ...(v.errorsAfter !== null ? [`${capitalise(errorName)}s since the fix: ${v.errorsAfter} (${v.errorsAfterSource ?? 'unknown source'})`] : []),
            ...(v.emailsNeeded !== undefined
              ? [
                  `Emails sent since the fix: ${v.emailsAfter ?? 'not known'}${v.emailsAfterSource ? ` (${v.emailsAfterSource})` : ''}; at least ${v.emailsNeeded} needed to verify under traffic`,
                ]
              : []),
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

const capitalise = (text: string) => (/^[a-z]/.test(text) ? text[0]!.toUpperCase() + text.slice(1) : text);

/** Labels of the evidence a probe keeps about where settings live (no values, names only). */
const EVIDENCE_LABELS: Record<string, string> = {
  serverColumns: 'Columns of OSSYS_SERVER',
  mailParameters: 'OSSYS_PARAMETER names about mail, email or SMTP (values not read)',
  emailColumns: 'Columns of the email table',
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
      if (!Array.isArray(value)) continue;
      const words = value.map((item) =>
        item && typeof item === 'object' && 'name' in item ? `${String(item.name)}${item.host ? ` (host ${String(item.host)})` : ''}` : String(item),
      );
      byLabel.set(EVIDENCE_LABELS[key] ?? key, words.join(', ') || 'none');
    }
  }
  return [...byLabel].map(([label, value]) => ({ label, value }));
}
