import { formatTime } from '../../../shared/format-time';
import type { ReportSessionInput } from '../../../shared/report/session-input';
import { describeValue, labelOf } from '../../../shared/wizard/engine';
import type { Playbook, Session } from '../../../shared/wizard/types';

/**
 * The resolution report's view of a session: facts in words with their step, source and time, the
 * applies, the restart ticks, the verification and the event log. No credential is in a session,
 * so none can reach the report.
 */
export function toReportInput(session: Session, playbook: Playbook | undefined): ReportSessionInput {
  const stepTitle = (id: string) => playbook?.steps.find((s) => s.id === id)?.title ?? id;
  const v = session.verification;
  return {
    id: session.id,
    startedAt: session.createdAt,
    endedAt: session.completedAt,
    customer: session.environment.customer,
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
    errors: session.probes.errorsBefore,
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
            ...(v.since ? [`Restart: ${formatTime(v.since)}`] : []),
            ...(v.errorsAfter !== null ? [`432 errors since the restart: ${v.errorsAfter} (${v.errorsAfterSource ?? 'unknown source'})`] : []),
            ...(v.emailsNeeded !== undefined
              ? [
                  `Emails sent since the restart: ${v.emailsAfter ?? 'not known'}${v.emailsAfterSource ? ` (${v.emailsAfterSource})` : ''}; at least ${v.emailsNeeded} needed to verify under traffic`,
                ]
              : []),
            ...(v.budgetAfter ? v.budgetAfter.mailboxes.map((m) => `${m.mailbox}: ${m.arithmetic}`) : []),
          ],
        }
      : null,
    events: session.events.map((e) => ({ at: e.at, message: e.summary })),
    databaseClock: session.clock?.summary ?? null,
    evidence: evidenceOf(session),
  };
}

/**
 * What the live database showed about where settings live (the latest servers probe): kept in the
 * report because no public source says where "Send Emails" is stored.
 */
function evidenceOf(session: Session): Array<{ label: string; value: string }> {
  const evidence = (session.probes.serversAfter ?? session.probes.servers)?.evidence;
  if (!evidence) return [];
  const params = evidence.mailParameters.map((p) => (p.host ? `${p.name} (host ${p.host})` : p.name));
  return [
    { label: 'Columns of OSSYS_SERVER', value: evidence.serverColumns.join(', ') || 'none listed' },
    { label: 'OSSYS_PARAMETER names about mail, email or SMTP (values not read)', value: params.join(', ') || 'none' },
  ];
}
