import type { BudgetResult, MailboxBudget } from '../capacity/types';
import { DEFAULT_ENGINEER_NAME } from '../settings';
import type { CriterionState } from '../wizard/criteria';
import { OUTCOME_MEANINGS } from '../wizard/outcome';
import { formatCount, plural } from './format';
import {
  OUTCOME_LABELS,
  REPORT_VERSION,
  type ReportCalculation,
  type ReportEmails,
  type ReportModel,
  type ReportOutcome,
  type ReportOutcomeDetail,
  type ReportServerRow,
  type ReportSymptom,
} from './model';
import type { ReportSessionInput } from './session-input';

export interface BuildContext {
  /** From settings; '' when not set, then the report names the default the recorded changes use. */
  engineerName: string;
  generatedAt: string;
}

const ENGINE_LABELS: Record<ReportSessionInput['environment']['engine'], string> = {
  sqlserver: 'SQL Server',
  oracle: 'Oracle',
  demo: 'Embedded demo database',
  manual: 'Offline (facts entered by hand)',
};

/**
 * The report of a session: a pure function, so the preview, every export and the tests agree.
 * Reads only the fields it prints; the environment is copied field by field, so anything else a
 * session carries (a connection's user or password) can never reach a report.
 */
export function buildReport(session: ReportSessionInput, context: BuildContext): ReportModel {
  const env = session.environment;
  const outcome = session.outcome.status;
  const calculation = calculationOf(session);
  return {
    reportVersion: REPORT_VERSION,
    sessionId: session.id,
    generatedAt: context.generatedAt,
    header: {
      title: session.ticket ? `${session.ticket}: ${session.title}` : session.title,
      environment: {
        name: env.name,
        role: env.role ?? null,
        engine: ENGINE_LABELS[env.engine],
        // The demo's "host" is the app itself; "Embedded demo database on embedded" says nothing.
        host: env.engine === 'manual' || env.engine === 'demo' ? null : (env.host ?? null),
      },
      customer: session.customer?.trim() || null,
      ticket: session.ticket?.trim() || null,
      engineerName: context.engineerName.trim() || DEFAULT_ENGINEER_NAME,
      databaseClock: session.databaseClock ?? null,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      outcome,
      outcomeLabel: OUTCOME_LABELS[outcome],
    },
    summary: summaryOf(session, outcome, calculation),
    symptom: symptomOf(session),
    findings: session.facts.map((f) => ({ topic: f.topic, label: f.label, value: f.value, source: { source: f.source, at: f.at } })),
    servers: serversOf(session),
    calculation,
    calculationApplies: session.computesBudget ?? true,
    outcome: outcomeDetail(session),
    emails: emailsOf(session),
    actions: {
      plan: session.chosenPlan
        ? { title: session.chosenPlan.plan.title, reason: session.chosenPlan.reason, tradeOff: session.chosenPlan.plan.tradeOff || null }
        : null,
      changes: session.applies.map((a) => ({
        description: a.description,
        target: a.target,
        before: a.before,
        after: a.after,
        statement: a.statement,
        parameters: a.parameters,
        actor: a.actor,
        at: a.at,
        auditId: a.auditId,
        undoneAt: a.undone ? (a.undoneAt ?? a.at) : null,
      })),
      restart: session.restart.map((r) => ({ server: r.server, done: r.done, at: r.at })),
      restartService: session.restartService,
      fixSteps: (session.fixSteps ?? []).map((s) => ({
        text: s.text,
        where: s.where ?? null,
        code: s.code ?? (s.sql ? { language: 'SQL', text: s.sql } : null),
      })),
      undo: undoOf(session),
    },
    verification: session.verification
      ? {
          checkedAt: session.verification.at,
          passed: session.verification.passed,
          summary: session.verification.summary,
          details: session.verification.details ?? [],
        }
      : null,
    appendix: {
      events: eventsOf(session.events),
      references: session.references.map((r) => ({ title: r.title, url: r.url })),
      evidence: (session.evidence ?? []).map((item) => ({ label: item.label, value: item.value })),
      attachments: (session.attachments ?? []).map((a) => ({
        id: a.id,
        fileName: a.fileName,
        caption: a.caption,
        type: a.type,
        bytes: a.bytes,
        sha256: a.sha256,
        addedAt: a.addedAt,
        addedBy: a.addedBy,
        ...(a.smtpCheck ? { smtpCheck: a.smtpCheck } : {}),
      })),
    },
  };
}

/** The session log's line for a probe: which probe (by its internal name), what happened, what it gave. */
const PROBE_EVENT = /^Probe "([^"]+)" (read|ran|could not read its facts)(?:: ([\s\S]*)|\.)$/;

/**
 * The event log in the reader's words. The session records a probe twice (the facts it gave, then
 * the probe's own summary) under its internal name; the report says once what was read: the facts
 * when it gave any, else its summary.
 */
export function eventsOf(events: ReportSessionInput['events']): Array<{ at: string; message: string }> {
  const gaveFacts = new Set<string>();
  for (const e of events) {
    const m = PROBE_EVENT.exec(e.message);
    if (m?.[2] === 'read') gaveFacts.add(`${m[1]}\u0000${e.at}`);
  }
  const sentence = (text: string) => `${text.trim().replace(/\.+$/, '')}.`;
  return events.flatMap((e) => {
    const m = PROBE_EVENT.exec(e.message);
    if (!m) return [{ at: e.at, message: e.message }];
    const [, probe, kind, rest] = m;
    if (kind === 'ran' && gaveFacts.has(`${probe}\u0000${e.at}`)) return [];
    if (kind === 'could not read its facts')
      return [{ at: e.at, message: sentence(`Could not read from the platform database: ${rest ?? 'no reason given'}`) }];
    return [{ at: e.at, message: rest?.trim() ? sentence(`Read from the platform database: ${rest}`) : 'Read from the platform database.' }];
  });
}

const RESULT_WORDS: Record<CriterionState, string> = { pass: 'Passed', watching: 'Not yet', fail: 'Failed', unknown: 'Not known', skipped: 'Not checked' };

/** The engine's decision as the report states it: meaning, reason, criteria and follow-ups. */
function outcomeDetail(session: ReportSessionInput): ReportOutcomeDetail {
  const o = session.outcome;
  return {
    meaning: o.status === 'in-progress' ? 'The session is still open: nothing is concluded yet.' : OUTCOME_MEANINGS[o.status],
    reason: o.reason,
    fixTakesEffect: o.fixTakesEffect,
    fixTakenEffectAt: o.fixAt,
    fixes: o.fixes.map((f) => ({ description: f.description, at: f.at, lasting: f.lasting })),
    criteria: o.criteria.map((c) => ({ label: c.label, state: c.state, result: RESULT_WORDS[c.state], seen: c.seen, until: c.until ?? null })),
    followUps: o.followUps.map((f) => ({ action: f.action, owner: f.owner, notBefore: f.notBefore ?? null })),
  };
}

/** What happens to the emails that failed: the failing ones are retried, the abandoned ones are lost unless sent again. */
function emailsOf(session: ReportSessionInput): ReportEmails | null {
  const q = session.failedEmails;
  if (!q || (q.failing === null && q.abandoned === null)) return null;
  const parts: string[] = [];
  if (q.abandoned !== null)
    parts.push(
      q.abandoned > 0
        ? `${plural(q.abandoned, 'email')} ${q.abandoned === 1 ? 'was' : 'were'} abandoned after the platform's retries ran out: the platform will not send ${q.abandoned === 1 ? 'it' : 'them'} again, so ${q.abandoned === 1 ? 'it needs' : 'they need'} to be sent again from the application.`
        : 'No email was abandoned.',
    );
  if (q.failing !== null)
    parts.push(
      q.failing > 0
        ? `${plural(q.failing, 'email')} ${q.failing === 1 ? 'is' : 'are'} still failing; the platform retries ${q.failing === 1 ? 'it' : 'them'} with growing intervals until the retry period ends, then abandons ${q.failing === 1 ? 'it' : 'them'}.`
        : 'No email is failing in the queue.',
    );
  return { failing: q.failing, abandoned: q.abandoned, statement: parts.join(' '), source: { source: q.source, at: q.at } };
}

function symptomOf(session: ReportSessionInput): ReportSymptom | null {
  const e = session.errors;
  const given = session.errorsGiven;
  if (!e && given) {
    // Typed in from what Service Center showed: as much evidence as a search, said to be typed.
    return {
      count: given.count,
      capped: false,
      windowStart: null,
      windowEnd: null,
      firstSeen: given.firstSeen,
      lastSeen: given.lastSeen,
      perServer: [],
      errorName: session.errorName,
      sampleMessage: null,
      source: { source: given.source, at: given.at },
      coverage: null,
    };
  }
  if (!e) return null;
  return {
    count: e.count,
    capped: e.capped,
    windowStart: e.windowStart,
    windowEnd: e.windowEnd,
    firstSeen: e.firstSeen,
    lastSeen: e.lastSeen,
    perServer: e.perServer.map((p) => ({ server: p.server, count: p.count })),
    errorName: session.errorName,
    sampleMessage: e.samples[0]?.message ?? null,
    source: session.errorsSource ?? { source: `Read from the platform database (error log of ${session.environment.name})`, at: e.readAt },
    coverage: e.coverageNote ?? null,
  };
}

/** Servers of this environment as the diagnosis counted them. */
function serversOf(session: ReportSessionInput): ReportServerRow[] {
  const seen = new Map<string, ReportServerRow>();
  for (const mailbox of session.diagnosis?.mailboxes ?? []) {
    for (const s of mailbox.servers) {
      if (s.environment !== session.environment.name || seen.has(s.server)) continue;
      seen.set(s.server, { name: s.server, sendsEmail: s.sendsEmail, threads: s.threads, threadsSource: s.threadsSource, zone: s.zone });
    }
  }
  return [...seen.values()];
}

function calculationOf(session: ReportSessionInput): ReportCalculation | null {
  const before = session.diagnosis;
  if (!before) return null;
  const changed = session.applies.some((a) => !a.undone);
  const after = changed ? session.afterDiagnosis : null;
  return {
    provider: before.provider.name,
    limit: before.provider.limit,
    verdict: before.verdict,
    mailboxes: before.mailboxes.map((m) => {
      const afterBox = after?.mailboxes.find((a) => a.mailbox === m.mailbox);
      const planned = changed ? session.chosenPlan?.plan.connectionsAfter[m.mailbox] : undefined;
      return {
        mailbox: m.mailbox,
        limit: m.limit,
        before: { connections: m.connections, arithmetic: m.arithmetic },
        after: afterBox
          ? { connections: afterBox.connections, arithmetic: afterBox.arithmetic }
          : planned !== undefined
            ? { connections: planned, arithmetic: `${planned} ${planned > m.limit ? '>' : '<='} ${m.limit} with the plan applied` }
            : null,
      };
    }),
  };
}

/** The mailbox the story is about: the most loaded one of this environment. */
function mainMailbox(budget: BudgetResult | null, environment: string): MailboxBudget | undefined {
  const mine = budget?.mailboxes.filter((m) => m.environments.includes(environment)) ?? [];
  return [...mine].sort((a, b) => b.connections - a.connections)[0];
}

/**
 * This environment's share of a mailbox: its own connections, and the other senders' by name, so a
 * summary never credits one environment with another's connections.
 */
function shareOf(box: MailboxBudget, environment: string): { own: number; others: Array<{ name: string; connections: number }> } {
  const byEnv = new Map<string, number>();
  for (const s of box.servers) byEnv.set(s.environment, (byEnv.get(s.environment) ?? 0) + s.connections);
  const others = [...byEnv].filter(([name, n]) => name !== environment && n > 0).map(([name, connections]) => ({ name, connections }));
  return { own: byEnv.get(environment) ?? 0, others };
}

function summaryOf(session: ReportSessionInput, outcome: ReportOutcome, calculation: ReportCalculation | null): string {
  const seen = session.errors
    ? `${session.errors.capped ? 'At least ' : ''}${plural(session.errors.count, session.errorName)} were logged.`
    : session.errorsGiven
      ? `${plural(session.errorsGiven.count, session.errorName)} were seen in Service Center.`
      : '';
  // The engine's reason ("Verified: …", "Not yet verified: …", "Not fixed: …"): the report adds nothing of its own.
  const verdict = outcome === 'in-progress' ? 'The session is still open.' : session.outcome.reason;
  if (session.computesBudget === false) {
    // A playbook without a connection budget: what was seen, its own story, what was done, the check.
    const applied = session.applies.filter((a) => !a.undone);
    const done = applied.length ? `Done: ${applied.map((a) => a.description.replace(/\.$/, '')).join('; ')}.` : 'No change has been recorded.';
    return join(seen, session.summary ?? '', done, verdict);
  }
  const env = session.environment.name;
  const box = mainMailbox(session.diagnosis, env);
  const calc = calculation?.mailboxes.find((m) => m.mailbox === box?.mailbox);
  // "Exchange Online SMTP AUTH (smtp.office365.com:587)" reads better without the address.
  const provider = session.diagnosis?.provider.name.replace(/\s*\([^)]*\)\s*$/, '') ?? 'the mail server';
  let cause = `No calculation of connections was made for ${env}.`;
  if (box) {
    const { own, others } = shareOf(box, env);
    const where = `${box.withinLimit ? 'within' : 'above'} the limit of ${box.limit} that ${provider} allows (${box.arithmetic})`;
    cause = others.length
      ? `${env} opened ${formatCount(own)} of the ${formatCount(box.connections)} concurrent connections to the mailbox ${box.mailbox}, together with ${others
          .map((o) => `${o.name} (${formatCount(o.connections)})`)
          .join(', ')}: ${where}.`
      : `${env} opened ${formatCount(box.connections)} concurrent connections to the mailbox ${box.mailbox}, ${where}.`;
  }
  const restarted = session.restart.filter((r) => r.done).length;
  const applied = session.applies.filter((a) => !a.undone);
  const action = applied.length
    ? `${applied.length === 1 ? 'The change' : 'The changes'} “${applied.map((a) => a.description).join('”, “')}” ${applied.length === 1 ? 'was' : 'were'} made${
        calc?.after ? `, bringing the mailbox to ${calc.after.connections} connections` : ''
      }${session.restart.length ? `, and the ${session.restartService ?? 'service'} was restarted on ${restarted} of ${session.restart.length} front-end servers` : ''}.`
    : '';
  // The symptom section gives the count; a budget summary tells the cause, the change and the verdict.
  return join(cause, action, verdict);
}

function join(...sentences: string[]): string {
  return sentences
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

function undoOf(session: ReportSessionInput): string | null {
  const undone = session.applies.filter((a) => a.undone);
  // Only what the app wrote can be restored from a recorded value; a change by hand is reversed where it was made.
  const standing = session.applies.filter((a) => !a.undone && a.auditId);
  const byHand = session.applies.filter((a) => !a.undone && !a.auditId);
  const parts: string[] = [];
  if (undone.length)
    parts.push(`${undone.map((a) => a.description).join('; ')} ${undone.length === 1 ? 'was' : 'were'} undone: the recorded previous value was restored.`);
  if (standing.length) {
    parts.push(
      `To undo, restore ${standing.map((a) => `${a.target} to ${a.before ?? 'no value'}`).join(' and ')} (the app's Undo does this from the recorded value)${session.restartService ? ` and restart the ${session.restartService} on every front-end server` : ''}.`,
    );
  }
  if (byHand.length) parts.push('Changes made by hand are undone where they were made, in the same way.');
  return parts.length ? parts.join(' ') : null;
}
