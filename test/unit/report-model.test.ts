import { describe, expect, it } from 'vitest';
import { buildReport, eventsOf } from '../../shared/report/build';
import { renderReportHtml } from '../../shared/report/html';
import { renderReportMarkdown } from '../../shared/report/markdown';
import { FIXTURE_PASSWORD, loadSession, SESSION_FIXTURES } from '../fixtures/sessions';

const context = { engineerName: 'Ana Souza', generatedAt: '2025-08-01T10:00:00.000Z' };

describe('report model from recorded sessions', () => {
  it('resolved: header, evidence, calculation before and after, the applied SQL, verification', () => {
    const model = buildReport(loadSession('resolved'), context);
    expect(model.reportVersion).toBe(2);
    expect(model.header).toMatchObject({
      title: 'CS-48211: Email connection limit (432 4.3.2) on Contoso PRD',
      ticket: 'CS-48211',
      environment: { name: 'Contoso PRD', role: 'Production', engine: 'SQL Server', host: 'sql-prd.contoso.local' },
      customer: 'Contoso Ltd',
      engineerName: 'Ana Souza',
      outcome: 'resolved',
      outcomeLabel: 'Resolved',
    });
    expect(Object.keys(model.header.environment).sort()).toEqual(['engine', 'host', 'name', 'role']);
    expect(model.symptom).toMatchObject({
      count: 1284,
      perServer: [
        { server: 'FE-PRD-01', count: 700 },
        { server: 'FE-PRD-02', count: 584 },
      ],
    });
    expect(model.symptom?.sampleMessage).toContain('432 4.3.2 Concurrent connections limit exceeded');
    expect(model.calculation?.mailboxes).toEqual([
      {
        mailbox: 'noreply@contoso.com',
        limit: 3,
        before: { connections: 4, arithmetic: '2 servers x 2 threads = 4 > 3' },
        after: { connections: 2, arithmetic: '2 servers x 1 thread = 2 <= 3' },
      },
    ]);
    expect(model.servers.map((s) => [s.name, s.threads, s.sendsEmail])).toEqual([
      ['FE-PRD-01', 2, true],
      ['FE-PRD-02', 2, true],
    ]);
    expect(model.actions.changes[0]).toMatchObject({ before: '2', after: '1', actor: 'Ana Souza', auditId: 'audit-7f3c2a', undoneAt: null });
    expect(model.actions.changes[0]?.statement).toMatch(/^UPDATE OSSYS_PARAMETER SET VAL = @value/);
    expect(model.actions.restart.every((r) => r.done && r.at)).toBe(true);
    expect(model.actions.undo).toContain('restore Scheduler.NumberOfThreadsForEmails (global row) to 2');
    expect(model.verification?.passed).toBe(true);
    expect(model.findings.every((f) => f.source.source && f.source.at)).toBe(true);
    expect(model.appendix.references.map((r) => r.url)).toContain('https://aka.ms/concurrent_sending');
    // Two or three sentences, with the numbers a customer needs.
    const sentences = model.summary.split(/(?<=\.)\s+(?=[A-Z])/);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
    expect(model.summary).toContain('opened 4 concurrent connections to the mailbox noreply@contoso.com, above the limit of 3');
    expect(model.summary).toContain('bringing the mailbox to 2 connections');
    expect(model.summary).toContain('restarted on 2 of 2 front-end servers');
  });

  it('not resolved: says the check failed and which restart is missing', () => {
    const model = buildReport(loadSession('not-resolved'), context);
    expect(model.header.outcome).toBe('not-resolved');
    expect(model.header.outcomeLabel).toBe('Not resolved');
    expect(model.header.environment.engine).toBe('Oracle');
    expect(model.summary).toContain('still failed');
    expect(model.summary).toContain('restarted on 3 of 4 front-end servers');
    expect(model.actions.changes[0]?.statement).toBeNull();
    expect(model.actions.restart.find((r) => r.server === 'APP-04')).toEqual({ server: 'APP-04', done: false, at: null });
    expect(model.calculation?.mailboxes[0]?.after).toEqual({ connections: 3, arithmetic: '3 servers x 1 thread = 3 <= 3' });
  });

  it('within limit: no change, no "after", points at another cause', () => {
    const model = buildReport(loadSession('within-limit'), context);
    expect(model.header.outcome).toBe('within-limit-other-cause');
    expect(model.header.outcomeLabel).toBe('No change needed, another cause');
    expect(model.header.customer).toBeNull();
    expect(model.calculation?.mailboxes[0]).toMatchObject({ before: { connections: 2 }, after: null });
    expect(model.actions).toEqual({ plan: null, changes: [], restart: [], restartService: 'Scheduler Service', fixSteps: [], undo: null });
    expect(model.summary).toContain('within the limit of 3');
    expect(model.summary).toContain('No setting was changed');
  });

  it('offline: no database host, no error-log evidence, changes made by hand', () => {
    const model = buildReport(loadSession('offline'), context);
    expect(model.header.environment).toEqual({ name: 'Tailspin PRD', role: 'Production', engine: 'Offline (facts entered by hand)', host: null });
    expect(model.symptom).toBeNull();
    expect(model.header.outcome).toBe('resolved');
    expect(model.actions.changes[0]?.statement).toBeNull();
    expect(model.findings.every((f) => f.source.source.startsWith('Typed in by the engineer'))).toBe(true);
    expect(renderReportHtml(model, { pageSize: 'A4' })).toContain('No count of the errors was read, imported or given in this session.');
  });

  it('long: keeps every event, names in any script, and a capped count reads "at least"', () => {
    const model = buildReport(loadSession('long-international'), context);
    expect(model.appendix.events).toHaveLength(600);
    expect(model.header.environment.name).toBe('Αθήνα-PRD');
    expect(model.servers.map((s) => s.name)).toEqual(['ΔΙΑΚΟΜΙΣΤΗΣ-01', 'СЕРВЕР-02', '服务器-03']);
    expect(model.symptom?.capped).toBe(true);
    expect(renderReportMarkdown(model)).toContain('At least 750 "432 4.3.2 Concurrent connections limit exceeded" errors found');
  });

  it('states the outcome the engine decided, never one of its own, with the criteria still open and the follow-ups', () => {
    const base = loadSession('resolved');
    const session = {
      ...base,
      endedAt: null,
      outcome: {
        ...base.outcome,
        status: 'applied-not-verified' as const,
        reason: 'Not yet verified: at least 4 emails sent since the restart: 2 emails sent since 14 Mar 2025, 15:09 UTC; 4 needed.',
        criteria: [{ id: 'traffic', label: 'At least 4 emails sent since the restart', state: 'watching' as const, seen: '2 emails sent; 4 needed' }],
        followUps: [{ action: 'Check again: at least 4 emails sent since the restart.', owner: 'Support engineer' }],
      },
    };
    const model = buildReport(session, { ...context, engineerName: '' });
    // The recorded verification says "passed"; the engine's decision is what the report states.
    expect(model.header.outcome).toBe('applied-not-verified');
    expect(model.header.outcomeLabel).toBe('Fix applied, not yet verified');
    const markdown = renderReportMarkdown(model);
    expect(markdown).toContain('| Outcome | **Fix applied, not yet verified** |');
    expect(markdown).toContain('| At least 4 emails sent since the restart | Not yet | 2 emails sent; 4 needed | — |');
    expect(markdown).toContain('## Follow-ups');
    expect(markdown).toContain('| Check again: at least 4 emails sent since the restart. | Support engineer | — |');
    // No name in the settings: the report names the engineer as the session's changes do.
    expect(model.header.engineerName).toBe('Support engineer');
    expect(model.summary).toContain('Not yet verified: at least 4 emails sent');
    expect(renderReportHtml(model, { pageSize: 'A4' })).toContain('still open');
  });

  it('an open session is "In progress", whatever has been done so far', () => {
    const base = loadSession('resolved');
    const session = { ...base, endedAt: null, outcome: { ...base.outcome, status: 'in-progress' as const } };
    const model = buildReport(session, context);
    expect(model.header).toMatchObject({ outcome: 'in-progress', outcomeLabel: 'In progress' });
    expect(model.outcome.meaning).toBe('The session is still open: nothing is concluded yet.');
  });

  it('says what happens to the emails that failed: abandoned ones are lost unless sent again, failing ones are retried', () => {
    const session = {
      ...loadSession('resolved'),
      failedEmails: { failing: 25, abandoned: 12, source: 'Read from the platform database (email queue)', at: '2025-03-14T14:05:00.000Z' },
    };
    const model = buildReport(session, context);
    expect(model.emails?.statement).toBe(
      "12 emails were abandoned after the platform's retries ran out: the platform will not send them again, so they need to be sent again from the application. 25 emails are still failing; the platform retries them with growing intervals until the retry period ends, then abandons them.",
    );
    expect(renderReportMarkdown(model)).toContain('### Emails that failed');
  });

  it('states the database clock, the log coverage and what the database showed', () => {
    const base = loadSession('resolved');
    const session = {
      ...base,
      databaseClock: 'UTC-05:00, 4 s behind this computer',
      errors: base.errors ? { ...base.errors, coverageNote: 'Asked for 14 days; the log views hold 9 days, since 23 Nov 2026, 04:45 UTC.' } : null,
      evidence: [{ label: 'Columns of OSSYS_SERVER', value: 'ID, NAME, IP_ADDRESS, IS_ACTIVE' }],
    };
    const model = buildReport(session, context);
    const markdown = renderReportMarkdown(model);
    expect(markdown).toContain('| Database clock | UTC-05:00, 4 s behind this computer |');
    expect(markdown).toContain('the log views hold 9 days');
    expect(markdown).toContain('- Columns of OSSYS_SERVER: ID, NAME, IP_ADDRESS, IS_ACTIVE');
    const html = renderReportHtml(model, { pageSize: 'A4' });
    expect(html).toContain('Database clock');
    expect(html).toContain('What the platform database showed');
    expect(JSON.parse(JSON.stringify(model)).appendix.evidence).toHaveLength(1);
  });

  it('never puts a password or database user in any output', () => {
    for (const name of SESSION_FIXTURES) {
      const model = buildReport(loadSession(name), context);
      const outputs = [JSON.stringify(model), renderReportHtml(model, { pageSize: 'A4' }), renderReportMarkdown(model)];
      for (const output of outputs) {
        expect(output).not.toContain(FIXTURE_PASSWORD);
        expect(output).not.toContain('DO-NOT-LEAK');
        expect(output).not.toMatch(/"password"|"user"/i);
      }
    }
  });
});

describe('the event log in the report', () => {
  const at = '2026-12-02T09:31:00.000Z';
  const later = '2026-12-02T09:40:00.000Z';
  it('says once what a probe read, in words, without its internal name or a doubled full stop', () => {
    const events = eventsOf([
      { at, message: 'Started "432" on Demo farm.' },
      { at, message: 'Probe "emailQueue" read: Email queue = 18 emails waiting (back-off: 2 days in OSSYS_PARAMETER.).' },
      { at, message: 'Probe "emailQueue" ran: 18 emails waiting (back-off: 2 days in OSSYS_PARAMETER.)' },
      { at: later, message: 'Probe "threadsAfter" ran: Scheduler.NumberOfThreadsForEmails is 1 (global row).' },
      { at: later, message: 'Probe "sentAfter" ran.' },
      { at: later, message: 'Probe "errorsAfter" could not read its facts: the error log timed out after 30 s' },
    ]);
    expect(events.map((e) => e.message)).toEqual([
      'Started "432" on Demo farm.',
      'Read from the platform database: Email queue = 18 emails waiting (back-off: 2 days in OSSYS_PARAMETER.).',
      'Read from the platform database: Scheduler.NumberOfThreadsForEmails is 1 (global row).',
      'Read from the platform database.',
      'Could not read from the platform database: the error log timed out after 30 s.',
    ]);
    expect(events.map((e) => e.at)).toEqual([at, at, later, later, later]);
  });

  it('keeps a probe summary when the same probe gave no facts at that time', () => {
    const events = eventsOf([
      { at, message: 'Probe "threads" read: Threads for emails (global) = 2.' },
      { at: later, message: 'Probe "threads" ran: Scheduler.NumberOfThreadsForEmails is 2 (global row).' },
    ]);
    expect(events).toHaveLength(2);
  });
});
