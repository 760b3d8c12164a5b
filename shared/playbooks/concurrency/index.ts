import { CONCURRENCY_MATCHERS } from '../../incidents/concurrency-matchers';
import type { ParameterProbeResult, ServersProbeResult } from '../../probes/types';
import type { Playbook } from '../../wizard/playbook';
import { num, text } from '../common/facts';
import { recognisedFacts } from '../common/symptom';
import { verificationCheck } from '../common/verify-step';
import { criteria, diagnosisAfterOf, diagnosisOf, frontEnds, recognised, sendersSentence, withinLimit, withinLimitAfter } from './decision';
import { budgetGap, PROBE, servers, THREADS_PARAMETER } from './facts';
import { planInstructions } from './instructions';
import { CONCURRENCY_PROBES, concurrencyFactsFromProbe } from './probes';
import { concurrencyReport } from './report';

/**
 * Playbook: Exchange Online "432 4.3.2 Concurrent connections limit exceeded" (domain.md sections
 * 1 and 2). It follows the support article's steps and adds what the article leaves out: the limit
 * is per mailbox and shared by every sender on it, each zone keeps a sending server, per-host rows
 * count as overrides, and a missing parameter row is asked for, never assumed.
 */

export const CONCURRENCY_PLAYBOOK_ID = 'exchange-432-concurrency';

const SEND_EMAILS_WHERE = 'Service Center > Administration > Servers > the server > "Send Emails"';
const ZONES_WHERE = 'Service Center > Administration > Deployment Zones (OutSystems Cloud: one zone)';

export const concurrencyPlaybook: Playbook = {
  id: CONCURRENCY_PLAYBOOK_ID,
  title: '432 4.3.2 Concurrent connections limit exceeded',
  summary: 'Emails fail with "432 4.3.2 Concurrent connections limit exceeded" (Exchange Online): too many SMTP connections to one mailbox.',
  matchers: CONCURRENCY_MATCHERS,
  probes: CONCURRENCY_PROBES,
  // Sessions saved before probes were named by id kept these two under other names.
  legacyProbeKeys: { errorsBefore: 'errors', queue: 'emailQueue' },
  // Sessions saved before every playbook called its steps 'plan' (choose) and 'fix' (make it).
  legacyStepIds: { apply: 'fix' },
  report: concurrencyReport,
  budget: {
    diagnosis: diagnosisOf,
    diagnosisAfter: diagnosisAfterOf,
    planInstructions: (plan, ctx) => planInstructions(plan, frontEnds(ctx), ctx.session.environment.engine),
  },
  // IM-2795 instructs a Scheduler restart on every front-end after the change (when it re-reads the value is not documented).
  fix: { takesEffect: 'restart', restart: { service: 'Scheduler Service', servers: frontEnds } },
  verification: { probes: [PROBE.threadsAfter, PROBE.serversAfter, PROBE.errorsAfter, PROBE.sentAfter], watchMinutes: 5, criteria },
  noChangeNeeded: (ctx) =>
    withinLimit(ctx)
      ? `${ctx.session.environment.name} is within the connection limit of its mailbox, so the 432 errors have another cause: another sender on the same mailbox, or an application outside the platform.`
      : null,
  sharedMailbox: {
    mailboxFact: 'mailbox',
    otherSender: {
      probes: [PROBE.threads, PROBE.servers],
      row: (name, results) => {
        const servers = (results[PROBE.servers] as ServersProbeResult | undefined)?.servers ?? [];
        const sending = servers.filter((s) => s.active && s.sendsEmail !== false).length;
        return {
          factKey: 'mailbox.others',
          row: { name, servers: Math.max(1, sending), threads: (results[PROBE.threads] as ParameterProbeResult | undefined)?.globalValue ?? 1 },
        };
      },
    },
    candidatesMessage: (stepId, candidates) =>
      stepId === 'mailbox' && candidates.length
        ? `Saved environments on the same mailbox: ${candidates.join(', ')}. Add them as other senders (or read them), or say that they do not send through it.`
        : null,
  },
  applyFromApp: (ctx) => {
    if (ctx.session.offline) return { unavailable: 'Offline: apply the change in Factory Configuration, then record it here.' };
    const change = ctx.session.plan?.plan?.changes.find((c) => c.kind === 'set-global-threads');
    if (!change || typeof change.to !== 'number') {
      return { unavailable: 'This plan changes servers or per-host rows; apply it by hand as the steps say, then record it here.' };
    }
    const threads = ctx.session.probes[PROBE.threads] as ParameterProbeResult | undefined;
    if (!threads) return { unavailable: `Read ${THREADS_PARAMETER} with the probe first (step "Threads").` };
    const row = threads.rows.find((r) => r.host === null);
    return {
      parameter: THREADS_PARAMETER,
      target: `${THREADS_PARAMETER} (global row)`,
      expected: row?.value ?? null,
      newValue: change.to,
      // At least 1: 0 would stop email sending altogether.
      min: 1,
      max: 64,
      description: change.description,
    };
  },
  factsFromProbe: (probe, result) => concurrencyFactsFromProbe(probe, result),
  steps: [
    {
      id: 'symptom',
      kind: 'confirm-symptom',
      title: 'Symptom',
      guidance: (ctx) =>
        ctx.session.offline
          ? 'Confirm the incident: emails fail with "432 4.3.2 Concurrent connections limit exceeded". Give how many Service Center > Monitoring > Errors shows, paste the error you saw, or describe the screenshot you were sent.'
          : 'Confirm the incident: emails fail with "432 4.3.2 Concurrent connections limit exceeded". Search the error log (the last 7 days), or paste the error you saw in Service Center > Monitoring > Errors, or describe the screenshot you were sent.',
      probes: [PROBE.errors, PROBE.emailQueue],
      facts: [
        { key: 'errors.count', label: '432 errors found', sources: ['probe', 'engineer'], input: 'number', hint: 'How many 432 errors the error log shows' },
        { key: 'errors.firstSeen', label: 'First seen', sources: ['probe', 'engineer'], input: 'datetime', optional: true },
        { key: 'errors.lastSeen', label: 'Last seen', sources: ['probe', 'engineer'], input: 'datetime', optional: true },
        { key: 'errors.perServer', label: 'Per server', sources: ['probe', 'engineer'], input: 'text', optional: true },
        { key: 'queue.summary', label: 'Email queue', sources: ['probe'], optional: true },
        { key: 'symptom.evidence', label: 'Pasted error or screenshot note', sources: ['engineer'], input: 'textarea', optional: true },
        { key: 'symptom.recognised', label: 'Recognised as the 432 error', sources: ['derived'], optional: true },
      ],
      derive: (ctx) => recognisedFacts(ctx, CONCURRENCY_MATCHERS),
      check: (ctx) => {
        const count = num(ctx.facts, 'errors.count');
        if ((count ?? 0) > 0 || recognised(ctx)) return null;
        if (count === 0) return 'No 432 errors were found. Paste the error you saw, or check another time window before going on.';
        if (text(ctx.facts, 'symptom.evidence'))
          return 'The pasted text is not the 432 concurrent connections error. Paste the exact error, or give the count from the error log.';
        return ctx.session.offline
          ? 'Give the number of 432 errors the error log shows, or paste the error you saw.'
          : 'Search the error log, or paste the error you saw.';
      },
    },
    {
      id: 'servers',
      kind: 'collect-facts',
      title: 'Servers',
      guidance: () =>
        'List the front-end servers (Service Center > Administration > Servers): which are active, which have "Send Emails" on, and their deployment zone (Service Center > Administration > Deployment Zones). Where the database does not show a setting it is asked here: check Service Center and give it.',
      probes: [PROBE.servers],
      facts: [{ key: 'servers', label: 'Front-end servers', sources: ['probe', 'engineer'], input: 'servers' }],
      check: (ctx) => {
        const rows = servers(ctx.facts);
        if (!rows || rows.filter((r) => r.active).length === 0) return 'Read the servers with the probe, or add at least one active front-end.';
        const unknown = rows.filter((r) => r.active && (r.sendsEmail === null || r.zone === null));
        const noEmail = rows.filter((r) => r.active && r.sendsEmail === null).map((r) => r.name);
        if (noEmail.length)
          return `Say whether ${noEmail.join(', ')} send${noEmail.length === 1 ? 's' : ''} email (${SEND_EMAILS_WHERE}): the database does not show it.`;
        if (unknown.length)
          return `Say in which deployment zone ${unknown.map((r) => r.name).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} (${ZONES_WHERE}).`;
        if (!rows.some((r) => r.active && r.sendsEmail)) return 'No active server sends email: check "Send Emails" in Service Center.';
        return null;
      },
    },
    {
      id: 'threads',
      kind: 'collect-facts',
      title: 'Threads',
      guidance: () =>
        `Read ${THREADS_PARAMETER}: the global value and any per-host rows (Factory Configuration > Platform Configurations, or SELECT * FROM OSSYS_PARAMETER WHERE NAME = '${THREADS_PARAMETER}'). When there is no row, type in the value Factory Configuration shows.`,
      probes: [PROBE.threads],
      facts: [
        { key: 'threads.global', label: 'Threads for emails (global)', sources: ['probe', 'engineer'], input: 'number' },
        { key: 'threads.hosts', label: 'Per-host rows', sources: ['probe', 'engineer'], input: 'host-threads', optional: true },
      ],
      check: (ctx) =>
        num(ctx.facts, 'threads.global') === null ? `Give the value of ${THREADS_PARAMETER}: the probe found no global row, or it was not read yet.` : null,
    },
    {
      id: 'mailbox',
      kind: 'collect-facts',
      title: 'Shared mailbox',
      guidance: () =>
        'The limit (3 connections) is per mailbox: every environment and application that sends through the same mailbox shares it. Name the mailbox this environment sends through, then add the other senders on it, or say that there is no other sender.',
      facts: [
        { key: 'mailbox', label: 'Sending mailbox', sources: ['engineer', 'derived'], input: 'text', hint: 'e.g. noreply@contoso.com' },
        {
          key: 'mailbox.others',
          label: 'Other senders on this mailbox',
          sources: ['engineer'],
          input: 'senders',
          columns: [
            { key: 'servers', label: 'Servers' },
            { key: 'threads', label: 'Threads' },
          ],
        },
      ],
      derive: (ctx) =>
        !ctx.facts.mailbox && ctx.session.environment.mailbox
          ? [{ key: 'mailbox', value: ctx.session.environment.mailbox, detail: 'from the saved environment' }]
          : [],
      check: (ctx) => {
        if (!text(ctx.facts, 'mailbox')) return 'Say which mailbox this environment sends email through.';
        // Not answered is not "none": an unlisted sender is exactly how a diagnosis goes wrong.
        if (ctx.facts['mailbox.others'] === undefined)
          return 'Say whether anything else sends through this mailbox: add the other senders, or answer "No other sender".';
        return null;
      },
    },
    {
      id: 'diagnosis',
      kind: 'diagnose',
      title: 'Diagnosis',
      guidance: (ctx) =>
        withinLimit(ctx)
          ? 'Within the limit: the 432 errors have another cause. Check for other senders on the same mailbox that are not listed (other environments, LifeTime, other applications, scripts), recent changes (new front-end, threads raised, mailbox shared recently), and whether the errors stopped already.'
          : 'The connection budget per mailbox: servers that send email times their threads, summed over every sender on the mailbox, against the limit of 3.',
      facts: [
        { key: 'diagnosis.verdict', label: 'Verdict', sources: ['derived'], shownAbove: true },
        { key: 'diagnosis.arithmetic', label: 'Arithmetic', sources: ['derived'], shownAbove: true },
        { key: 'diagnosis.senders', label: 'Senders on the mailbox', sources: ['derived'] },
      ],
      derive: (ctx) => {
        const result = diagnosisOf(ctx);
        if (!result) return [];
        return [
          { key: 'diagnosis.verdict', value: result.verdict, detail: 'connection budget' },
          { key: 'diagnosis.arithmetic', value: result.mailboxes.map((m) => `${m.mailbox}: ${m.arithmetic}`).join('; '), detail: 'connection budget' },
          { key: 'diagnosis.senders', value: sendersSentence(ctx), detail: 'as answered in step "Shared mailbox"' },
        ];
      },
      check: (ctx) => budgetGap(ctx.facts) ?? (ctx.session.diagnosis ? null : 'The facts do not add up to a budget; check the server names for duplicates.'),
    },
    {
      id: 'plan',
      kind: 'choose-plan',
      title: 'Plan',
      guidance: (ctx) =>
        withinLimit(ctx)
          ? 'Nothing to change: the budget is within the limit. Continue to record what you checked.'
          : ctx.session.diagnosis && ctx.session.diagnosis.plans.length === 0
            ? 'No plan keeps every zone sending within the limit. Consider the alternatives below: a separate mailbox, an SMTP relay connector, or a bulk delivery service.'
            : 'Choose a plan. The first one is recommended; each lists the exact steps.',
      facts: [],
      check: (ctx) => (withinLimit(ctx) || (ctx.session.diagnosis?.plans.length ?? 0) === 0 || ctx.session.plan ? null : 'Choose one of the plans.'),
    },
    {
      id: 'fix',
      kind: 'apply',
      title: 'Apply',
      guidance: (ctx) =>
        ctx.session.offline
          ? 'Apply the plan yourself in Factory Configuration / Service Center as its steps say, then record what you did.'
          : 'Apply the plan: from the app (the threads value, on a saved connection: preview, confirm, read back, undo), or do it yourself in Factory Configuration / Service Center and record what you did.',
      facts: [],
      check: (ctx) =>
        withinLimit(ctx) || ctx.session.applies.some((a) => !a.undone) || ctx.session.manualApplies.length > 0
          ? null
          : ctx.session.offline
            ? 'Record what you applied yourself.'
            : 'Apply the change from the app, or record what you applied yourself.',
    },
    {
      id: 'restart',
      kind: 'restart-checklist',
      title: 'Restart',
      guidance: () =>
        'As the support article (IM-2795) instructs, restart the Scheduler Service on every front-end after the change: Windows service "OutSystems Scheduler Service" (self-managed), or LifeTime > the environment > Restart Services (OutSystems Cloud). Tick each server when done.',
      facts: [],
      check: (ctx) => {
        if (withinLimit(ctx)) return null;
        const open = ctx.session.restart.filter((r) => r.at === null).map((r) => r.server);
        return open.length ? `Tick the restart of ${open.join(', ')}.` : null;
      },
    },
    {
      id: 'verify',
      kind: 'verify',
      title: 'Verify',
      guidance: (ctx) =>
        (ctx.session.offline
          ? 'Type in what Service Center shows now: the threads value, the 432 errors and the emails sent since the restart; Verify recomputes the budget. '
          : 'Verify reads the threads value and the servers again, recomputes the budget, and counts the 432 errors and the emails sent since the restart. ') +
        'It passes only with the budget within the limit, no 432 since the restart, and at least limit + 1 emails sent since the restart (enough traffic to have hit the limit before); until then it is not yet verified.',
      probes: [PROBE.threadsAfter, PROBE.serversAfter, PROBE.errorsAfter, PROBE.sentAfter],
      facts: [
        { key: 'after.threads.global', label: 'Threads for emails now', sources: ['probe', 'engineer'], input: 'number' },
        { key: 'after.errors.count', label: '432 errors since the restart', sources: ['probe', 'engineer'], input: 'number' },
        {
          key: 'after.emails.sent',
          label: 'Emails sent since the restart',
          sources: ['probe', 'engineer'],
          input: 'number',
          hint: 'Service Center > Monitoring > Emails: emails sent after the restart',
        },
        { key: 'after.threads.hosts', label: 'Per-host rows now', sources: ['probe', 'engineer'], input: 'host-threads', optional: true },
        // Asked, never copied from before: the fix may have switched "Send Emails" off on a server.
        {
          key: 'after.servers',
          label: 'Front-end servers now',
          sources: ['probe', 'engineer'],
          input: 'servers',
          prefillFrom: 'servers',
          hint: 'Starts from the servers before the fix: change what the fix changed (e.g. Send Emails switched off), then save.',
        },
        { key: 'after.withinLimit', label: 'Within the limit after the change', sources: ['derived'], shownAbove: true },
      ],
      derive: withinLimitAfter,
      check: (ctx) => (withinLimit(ctx) ? null : verificationCheck(ctx)),
    },
    {
      id: 'report',
      kind: 'report',
      title: 'Report',
      guidance: () => 'Complete the session and hand over the resolution report.',
      facts: [],
      check: () => null,
    },
  ],
};
