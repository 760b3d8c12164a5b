import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { EngineerAction } from '../../shared/api/methods/sessions';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import { toReportInput } from '../../electron/services/sessions/report-input';
import { BUILT_IN_PLAYBOOKS, createPlaybookRegistry } from '../../shared/playbooks';
import { quotaPlaybook as playbook } from '../../shared/playbooks/quota';
import type { RecipientsProbeResult } from '../../shared/probes/types';
import { buildReport } from '../../shared/report/build';
import { renderReportHtml } from '../../shared/report/html';
import { renderReportMarkdown } from '../../shared/report/markdown';
import { contextOf } from '../../shared/wizard/context';
import { createSession, reduceSession } from '../../shared/wizard/engine';
import { stepViews } from '../../shared/wizard/queries';
import type { FactValue, Session, SessionAction } from '../../shared/wizard/session';
import { removeDir, tempDataDir } from '../support/host';

const environment = { profileId: null, name: 'PRD', role: 'Production', engine: 'manual' as const, host: null, customer: 'Contoso', mailbox: null };
const MAILBOX = 'noreply@contoso.com';
const START = Date.parse('2026-12-01T08:00:00Z');
const HOUR = 3_600_000;

interface Walk {
  session(): Session;
  act(action: SessionAction, at?: string): Session;
  /** The time of the next action, or `at` if given: one minute apart by default. */
  now(): string;
}

function start(pastedError: string | null = null): Walk {
  let t = START;
  const tick = () => new Date((t += 60_000)).toISOString();
  let session = createSession({ id: 'q1', playbook, environment, offline: true, now: tick(), pastedError });
  return {
    session: () => session,
    act: (action, at) => {
      if (at) t = Date.parse(at);
      session = reduceSession(session, action, playbook, at ?? tick());
      return session;
    },
    now: () => new Date(t).toISOString(),
  };
}

interface Volume {
  recipients?: number;
  emails?: number;
  perEmail?: number;
  others?: Array<{ name: string; recipients?: number }>;
}

/** Walks an offline session to the diagnosis with the facts typed in, as an engineer would. */
function diagnose(volume: Volume): Walk {
  const w = start();
  w.act({ type: 'answer', facts: { 'errors.count': 40, 'errors.firstSeen': '2026-11-30T14:05:00.000Z', 'queue.failing': 80, 'queue.abandoned': 0 } });
  w.act({ type: 'continue' });
  const given: Record<string, FactValue> = {};
  if (volume.recipients !== undefined) given['volume.recipients'] = volume.recipients;
  if (volume.emails !== undefined) given['volume.emails'] = volume.emails;
  if (volume.perEmail !== undefined) given['volume.perEmail'] = volume.perEmail;
  w.act({ type: 'answer', facts: given });
  w.act({ type: 'continue' });
  w.act({ type: 'answer', facts: { mailbox: MAILBOX, 'mailbox.others': (volume.others ?? []) as unknown as FactValue } });
  w.act({ type: 'continue' });
  return w;
}

const value = (session: Session, key: string) => session.facts.find((f) => f.key === key)?.value;
const fact = (session: Session, key: string) => session.facts.find((f) => f.key === key);
const stepId = (session: Session) => playbook.steps[session.current]!.id;
const instructions = (session: Session) => stepViews(session, playbook).find((v) => v.def.id === 'fix')!.def.instructions!(contextOf(session));

/** Walks on from the diagnosis: the fix recorded by hand at `fixedAt`. */
function recordFix(w: Walk, fixedAt: string) {
  w.act({ type: 'continue' });
  expect(stepId(w.session())).toBe('fix');
  expect(() => w.act({ type: 'continue' })).toThrow(/I applied it myself/);
  w.act(
    { type: 'applied-manually', note: 'QA moved to its own mailbox noreply-qa@contoso.com (Service Center > Administration > Email)', actor: 'Dana' },
    fixedAt,
  );
  w.act({ type: 'continue' });
  expect(stepId(w.session())).toBe('verify');
}

describe('quota playbook: recognition', () => {
  it('is recognised by the 554 5.2.0 submission quota texts, and not by the 432 or a full mailbox', () => {
    const registry = createPlaybookRegistry(BUILT_IN_PLAYBOOKS);
    const ids = (t: string) => registry.recognise(t).map((p) => p.id);
    expect(
      ids(
        'Error sending email 70012: 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception',
      ),
    ).toEqual(['exchange-recipient-quota']);
    expect(ids("The message can't be submitted because the sender's submission quota was exceeded.")).toEqual(['exchange-recipient-quota']);
    expect(ids("Remote Server returned 550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients")).toEqual([
      'exchange-recipient-quota',
    ]);
    expect(ids('432 4.3.2 Concurrent connections limit exceeded')).not.toContain('exchange-recipient-quota');
    expect(ids('554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded')).not.toContain(
      'exchange-recipient-quota',
    );
  });

  it('the pasted error opens the symptom step as recognised', () => {
    const w = start('554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException');
    w.act({ type: 'answer', facts: { 'symptom.evidence': '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException' } });
    expect(value(w.session(), 'symptom.recognised')).toBe(true);
    w.act({ type: 'continue' });
    expect(stepId(w.session())).toBe('volume');
  });
});

describe('quota playbook: diagnosis', () => {
  it('two senders over the quota: PRD 6,200 + QA 5,100 = 11,300 > 10,000, with the ways out in numbers', () => {
    const w = diagnose({ recipients: 6200, others: [{ name: 'QA', recipients: 5100 }] });
    const s = w.session();
    expect(stepId(s)).toBe('diagnosis');
    expect(value(s, 'diagnosis.arithmetic')).toBe('noreply@contoso.com: PRD 6,200 + QA 5,100 = 11,300 recipients per 24 h > 10,000');
    expect(value(s, 'diagnosis.total')).toBe(11300);
    expect(value(s, 'diagnosis.verdict')).toMatch(/^Over the daily recipient quota: PRD 6,200 \+ QA 5,100 = 11,300 recipients per 24 h > 10,000\./);
    expect(value(s, 'diagnosis.verdict')).toMatch(/at least 2 mailboxes/);
    expect(value(s, 'diagnosis.senders')).toBe(
      'PRD and QA (5,100 recipients per 24 h) send through this mailbox; every recipient counts against the same quota.',
    );
    expect(
      stepViews(s, playbook)
        .find((v) => v.def.id === 'diagnosis')!
        .facts.every((f) => f.source === 'derived'),
    ).toBe(true);

    const steps = instructions(s);
    const all = steps.map((i) => i.text).join('\n');
    // Wait for the window, and what happens to the queue meanwhile.
    expect(steps[0]!.text).toMatch(/rolling window/);
    expect(steps[0]!.text).toMatch(/lifts by 2026-12-01 14:05 UTC at the latest/);
    expect(steps[1]!.text).toMatch(/Scheduler\.EmailBackoffMaxDays days \(default 2\), then abandons them\. A block longer than that loses mail\./);
    expect(steps[1]!.text).toMatch(/80 failing \(still retried\), 0 abandoned/);
    expect(steps[1]!.sql).toBe("SELECT NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE NAME = 'Scheduler.EmailBackoffMaxDays';");
    // Split over ceil(total / limit) mailboxes, as the what-if calculator words it.
    expect(all).toMatch(/at least ceil\(11,300 \/ 10,000\) = 2 mailboxes of 10,000/);
    expect(all).toMatch(/Move QA to its own mailbox: noreply@contoso\.com carries 6,200 \(3,800 to spare\); QA's own mailbox carries 5,100 \(4,900 to spare\)/);
    expect(steps.find((i) => i.code)!.code).toEqual({
      language: 'PowerShell (Exchange Online)',
      text: 'Set-CASMailbox -Identity <new mailbox> -SmtpClientAuthenticationDisabled $false',
    });
    expect(all).toMatch(/Send to 1,300 fewer recipients per 24 h: Address a distribution list instead of its members/);
    expect(all).not.toMatch(/Give emails per day/);
    expect(all).toMatch(
      /SMTP relay connector \(self-managed platforms only: .*not bound by the per-mailbox SMTP AUTH limits, tenant limits still apply\).*bulk email delivery service/,
    );
    expect(all).toMatch(/compromised/);
  });

  it('a low volume with the error says compromised account in plain words, never "within the limit"', () => {
    const w = diagnose({ recipients: 800 });
    const s = w.session();
    const verdict = String(value(s, 'diagnosis.verdict'));
    expect(verdict).toMatch(/^The volume does not explain the error: PRD 800 recipients per 24 h <= 10,000, under 8% of the quota/);
    expect(verdict).toMatch(/compromised account sending outbound spam/);
    expect(verdict).toMatch(/sign-ins in Microsoft Entra/);
    expect(verdict).toMatch(/restricted users in Microsoft Defender/);
    expect(verdict).toMatch(/reset its password/);
    expect(verdict).not.toMatch(/within (the )?limits?|fine|no change needed/i);
    const steps = instructions(s);
    // Security first, then the window.
    expect(steps[0]!.where).toMatch(/^Microsoft Entra admin center > .*Sign-in logs, filtered by noreply@contoso\.com/);
    expect(steps[1]!.where).toMatch(/Microsoft Defender portal > Email & collaboration > Review > Restricted entities/);
    expect(steps[2]!.text).toMatch(/reset the mailbox's password/);
    expect(steps[2]!.code!.text).toContain('Get-InboxRule -Mailbox noreply@contoso.com');
    expect(steps.map((i) => i.text).join('\n')).not.toMatch(/Split the senders/);
    expect(stepViews(s, playbook).find((v) => v.def.id === 'fix')!.guidance).toMatch(/^Secure the mailbox first/);
  });

  it('below the quota but not far below: the figures are incomplete, compare with the message trace', () => {
    const w = diagnose({ recipients: 7000, others: [{ name: 'DEV', recipients: 300 }] });
    const verdict = String(value(w.session(), 'diagnosis.verdict'));
    expect(verdict).toMatch(/^Below the quota by the figures given \(PRD 7,000 \+ DEV 300 = 7,300 recipients per 24 h <= 10,000\)/);
    expect(verdict).toMatch(/message trace/);
    expect(verdict).toMatch(/compromised/);
  });

  it('recipients from emails x the average typed in, saying where the figure comes from', () => {
    const w = start();
    w.act({ type: 'answer', facts: { 'errors.count': 12 } });
    w.act({ type: 'continue' });
    // The probe counts the emails, but the database shows no recipient column.
    const probe: RecipientsProbeResult = {
      readAt: '2026-12-01T08:03:00.000Z',
      durationMs: 40,
      engine: 'demo',
      since: '2026-11-30T08:03:00.000Z',
      hours: 24,
      known: true,
      emails: 1400,
      recipients: null,
      capped: false,
      evidence: { emailColumns: ['BODY', 'ID', 'SUBJECT'] },
      reason: 'no recipient column on OSSYS_EMAIL',
      summary: '1,400 emails sent in the last 24 hours; their recipients are not stored where the probe can count them.',
    };
    w.act({ type: 'probe-result', probe: 'recipients24h', result: probe, origin: { kind: 'database', environment: 'PRD' } });
    expect(fact(w.session(), 'volume.emails')).toMatchObject({ value: 1400, source: 'probe' });
    expect(fact(w.session(), 'volume.recipients')).toBeUndefined();
    expect(() => w.act({ type: 'continue' })).toThrow(/Give the average recipients per email .*does not show their recipients/);
    w.act({ type: 'answer', facts: { 'volume.perEmail': 9 } });
    expect(fact(w.session(), 'volume.total')).toMatchObject({
      value: 12600,
      source: 'derived',
      detail: '1,400 emails counted in the platform database x 9 recipients per email on average, as the engineer estimated',
    });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { mailbox: MAILBOX, 'mailbox.others': [] } });
    w.act({ type: 'continue' });
    expect(value(w.session(), 'diagnosis.arithmetic')).toBe('noreply@contoso.com: PRD 1,400 emails x 9 = 12,600 recipients per 24 h > 10,000');
    expect(value(w.session(), 'diagnosis.senders')).toBe('Only PRD sends through this mailbox (no other sender, as the engineer said).');
    // One environment over the quota on its own: moving environments cannot help, its bulk sending must move.
    expect(value(w.session(), 'diagnosis.verdict')).toMatch(
      /PRD alone sends more than 10,000: to keep it from coming back, its bulk sending needs a relay or a bulk email service, or fewer recipients\.$/,
    );
    const steps = instructions(w.session());
    expect(steps.map((i) => i.text).join('\n')).toMatch(/But PRD alone sends 12,600 > 10,000, .*move its bulk sending/);
    expect(steps.some((i) => i.code?.text.includes('Set-CASMailbox'))).toBe(false);
    expect(steps.map((i) => i.text).join('\n')).toMatch(/PRD: at most 7 recipients per email \(today 9\)/);
  });

  it('a recipients count from the probe wins over an average', () => {
    const w = start();
    w.act({ type: 'answer', facts: { 'errors.count': 12 } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { 'volume.perEmail': 2 } });
    w.act({
      type: 'probe-result',
      probe: 'recipients24h',
      origin: { kind: 'database', environment: 'PRD' },
      result: {
        readAt: '2026-12-01T08:03:00.000Z',
        durationMs: 5,
        engine: 'demo',
        since: '2026-11-30T08:03:00.000Z',
        known: true,
        emails: 1400,
        recipients: 10450,
        evidence: { emailColumns: ['BCC', 'CC', 'TO'], recipientColumns: ['TO', 'CC', 'BCC'] },
        summary: '',
      },
    });
    expect(fact(w.session(), 'volume.total')).toMatchObject({
      value: 10450,
      detail: expect.stringMatching(
        /^counted in the platform database \(recipients of the emails sent since 2026-11-30 08:03 UTC, from OSSYS_EMAIL TO, CC, BCC\)$/,
      ),
    });
  });
});

describe('quota playbook: other senders on the mailbox', () => {
  it('needs an explicit answer: unanswered is not "none", and a listed sender needs its recipients', () => {
    const w = start();
    w.act({ type: 'answer', facts: { 'errors.count': 3 } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { 'volume.recipients': 6200 } });
    w.act({ type: 'continue' });
    expect(stepId(w.session())).toBe('mailbox');
    expect(() => w.act({ type: 'continue' })).toThrow(/Say which mailbox/);
    w.act({ type: 'answer', facts: { mailbox: MAILBOX } });
    expect(() => w.act({ type: 'continue' })).toThrow(/add the other senders with their recipients per 24 h, or answer "No other sender"/);
    expect(playbook.sharedMailbox!.candidatesMessage('mailbox', ['Contoso QA'])).toBe(
      'Saved environments on the same mailbox: Contoso QA. Add them as other senders with their recipients per 24 h (or read them), or say that they do not send through it.',
    );
    expect(playbook.sharedMailbox!.candidatesMessage('mailbox', [])).toBeNull();
    // Added (as the page's "Add as another sender" does) but no recipients yet.
    w.act({ type: 'answer', facts: { 'mailbox.others': [{ name: 'Contoso QA', servers: 1, threads: 1 }] } });
    expect(() => w.act({ type: 'continue' })).toThrow(/^Give the recipients per 24 h of Contoso QA\.$/);
    w.act({ type: 'answer', facts: { 'mailbox.others': [{ name: 'Contoso QA', recipients: 5100 }] } });
    w.act({ type: 'continue' });
    expect(value(w.session(), 'diagnosis.arithmetic')).toBe('noreply@contoso.com: PRD 6,200 + Contoso QA 5,100 = 11,300 recipients per 24 h > 10,000');
  });

  it('another sender read from its own saved environment becomes a row with its recipients', () => {
    const read = (recipients: number | null) =>
      playbook.sharedMailbox!.otherSender.row('Contoso QA', {
        recipients24h: {
          readAt: '',
          durationMs: 1,
          engine: 'demo',
          since: '',
          known: true,
          emails: 700,
          recipients,
          summary: '',
        } satisfies RecipientsProbeResult,
      });
    expect(read(5100)).toEqual({ factKey: 'mailbox.others', row: { name: 'Contoso QA', recipients: 5100 } });
    expect(read(null)).toEqual({ factKey: 'mailbox.others', row: { name: 'Contoso QA', recipients: null, emails: 700 } });
    const w = start();
    w.act({ type: 'answer', facts: { 'errors.count': 3 } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { 'volume.recipients': 6200 } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { mailbox: MAILBOX, 'mailbox.others': [read(null).row] } });
    expect(() => w.act({ type: 'continue' })).toThrow(
      /Give the recipients per 24 h of Contoso QA \(Contoso QA sent 700 emails; its database shows no recipient column/,
    );
  });

  it('the mailbox comes from the saved environment', () => {
    const session = createSession({ id: 'm', playbook, environment: { ...environment, mailbox: MAILBOX }, offline: true, now: new Date(START).toISOString() });
    expect(fact(session, 'mailbox')).toMatchObject({ value: MAILBOX, source: 'derived', detail: 'from the saved environment' });
  });
});

describe('quota playbook: verification and outcome', () => {
  const fixedAt = '2026-12-01T10:00:00.000Z';
  const hoursAfter = (h: number) => new Date(Date.parse(fixedAt) + h * HOUR).toISOString();

  function atVerify() {
    const w = diagnose({ recipients: 6200, others: [{ name: 'QA', recipients: 5100 }] });
    recordFix(w, fixedAt);
    return w;
  }

  it('passes a day later: no new 5.2.0, the failing emails drained, emails sent; the session is resolved', () => {
    const w = atVerify();
    w.act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.queue.failing': 0, 'after.emails.sent': 96 } }, hoursAfter(25));
    const s = w.act({ type: 'verify' }, hoursAfter(25));
    expect(s.verification).toMatchObject({ result: 'pass', since: fixedAt, budgetAfter: null });
    expect(s.verification!.summary).toMatch(
      /^Verified: no 554 5\.2\.0 error since the fix: 0 since 01 Dec 2026, 10:00 UTC .*; the failing emails drained: 0 emails failing in the queue \(as the engineer recorded it, .*\); at least one email sent since the fix: 96 emails sent .*; the mailbox back within the daily recipient quota: the 24 h after the fix have passed: 24 h passed at 02 Dec 2026, 10:00 UTC\.$/,
    );
    w.act({ type: 'continue' });
    expect(stepId(w.session())).toBe('report');
    expect(w.act({ type: 'complete' }).status).toBe('resolved');
  });

  it('fails while new 5.2.0 keep coming; completed then, the session is not resolved', () => {
    const w = atVerify();
    w.act({ type: 'answer', facts: { 'after.errors.count': 14, 'after.queue.failing': 60, 'after.emails.sent': 3 } }, hoursAfter(20));
    const s = w.act({ type: 'verify' });
    expect(s.verification!.result).toBe('fail');
    expect(s.verification!.summary).toMatch(/^Not fixed: no 554 5\.2\.0 error since the fix: 14 since 01 Dec 2026, 10:00 UTC/);
    expect(() => w.act({ type: 'continue' })).toThrow(/Go back to the fix/);
    expect(w.act({ type: 'complete' }).status).toBe('not-resolved');
  });

  it('watches, saying what is missing: 3 hours after the fix, failing emails left, check again after the window', () => {
    const w = atVerify();
    w.act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.queue.failing': 12, 'after.emails.sent': 40 } }, hoursAfter(3));
    const s = w.act({ type: 'verify' }, hoursAfter(3));
    expect(s.verification!.result).toBe('watch');
    expect(s.verification!.criteria!.map((c) => [c.id, c.state])).toEqual([
      ['no-error-since-fix', 'pass'],
      ['queue-drained', 'watching'],
      ['traffic-since-fix', 'pass'],
      ['quota-window', 'watching'],
    ]);
    expect(s.verification!.until).toBe('2026-12-02T10:00:00.000Z');
    expect(s.verification!.summary).toMatch(/ It can pass at 02 Dec 2026, 10:00 UTC at the earliest\.$/);
    expect(() => w.act({ type: 'continue' })).toThrow(/^Not yet verified: the failing emails drained: 12 emails failing in the queue/);
    // A standing change without a pass is "applied, not verified", never "resolved".
    expect(w.act({ type: 'complete' }).status).toBe('applied-not-verified');
  });

  it('watches when nothing was sent since the fix, or nothing is known yet', () => {
    const w = atVerify();
    w.act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.queue.failing': 0, 'after.emails.sent': 0 } }, hoursAfter(30));
    expect(w.act({ type: 'verify' }, hoursAfter(30)).verification!.summary).toMatch(
      /^Not yet verified: at least one email sent since the fix: 0 emails sent since 01 Dec 2026, 10:00 UTC .*; 1 needed\.$/,
    );
    const fresh = atVerify();
    const unknown = fresh.act({ type: 'verify' }, hoursAfter(0.5)).verification!;
    expect(unknown.result).toBe('watch');
    expect(unknown.summary).toMatch(/no 554 5\.2\.0 error since the fix: not known since the fix at 01 Dec 2026, 10:00 UTC/);
    expect(unknown.summary).toMatch(/the failing emails drained: emails failing in the queue: not known/);
    expect(unknown.summary).toMatch(/It can pass at 02 Dec 2026, 10:00 UTC at the earliest\.$/);
    // "Watch" from the page keeps reading.
    expect(fresh.act({ type: 'verify', result: 'watch', watchMinutes: 60 }).verification).toMatchObject({ result: 'watch', watchMinutes: 60 });
  });

  it('without a recorded fix the outcome is not resolved', () => {
    const w = diagnose({ recipients: 800 });
    expect(w.act({ type: 'complete' }).status).toBe('not-resolved');
  });
});

describe('quota playbook: the report', () => {
  it('Markdown, HTML and JSON speak of the quota, the senders and the fix, with no word of the 432 incident', () => {
    const w = diagnose({ recipients: 6200, others: [{ name: 'QA', recipients: 5100 }] });
    recordFix(w, '2026-12-01T10:00:00.000Z');
    w.act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.queue.failing': 0, 'after.emails.sent': 96 } }, '2026-12-02T11:00:00.000Z');
    w.act({ type: 'verify' });
    w.act({ type: 'continue' });
    w.act({ type: 'complete' });
    const model = buildReport(toReportInput(w.session(), playbook), { engineerName: 'Dana', generatedAt: '2026-12-02T11:05:00.000Z' });
    expect(model.header).toMatchObject({ title: 'Daily recipient quota on PRD', outcome: 'resolved' });
    expect(model.appendix.references).toEqual([
      { title: 'Microsoft Learn: Fix error for submission quota exceeded in Exchange Online', url: null },
      {
        title: 'Microsoft Learn: Exchange Online limits (sending limits: 10,000 recipients per day)',
        url: 'https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits',
      },
    ]);
    expect(model.actions.fixSteps.length).toBeGreaterThanOrEqual(5);
    expect(model.actions.fixSteps.some((s) => s.code?.language === 'SQL' && s.code.text.includes('Scheduler.EmailBackoffMaxDays'))).toBe(true);

    const markdown = renderReportMarkdown(model);
    const html = renderReportHtml(model, { pageSize: 'A4' });
    const json = JSON.stringify(model);
    for (const text of [markdown, html, json]) {
      expect(text).toContain('Daily recipient quota on PRD');
      // Markdown escapes ">" and HTML writes "&gt;".
      expect(text).toMatch(/PRD 6,200 \+ QA 5,100 = 11,300 recipients per 24 h (>|\\>|&gt;) 10,000/);
      expect(text).toContain('Scheduler.EmailBackoffMaxDays');
      expect(text).toMatch(/Verified: no 554 5\.2\.0 error since the fix: 0 since 01 Dec 2026, 10:00 UTC/);
      expect(text).not.toMatch(/\b432\b|4\.3\.2|concurrent connection|NumberOfThreadsForEmails|IM-2795|Scheduler Service|threads?\b/i);
    }
    expect(markdown).toContain('QA moved to its own mailbox');
  });
});

describe('quota playbook on the demo, through the dispatcher', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await forgetDemoDatabase(dir);
      removeDir(dir);
    }
  });

  async function services(): Promise<Services> {
    const dataDir = tempDataDir('st-quota-');
    dirs.push(dataDir);
    return createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
  }

  /** The typed client over `services`: a wrong method or input is a type error; an API error throws an ApiError. */
  const api = (services: Pick<Services, 'dispatch'>) => createInProcessClient(services);

  it('reads the errors, the queue and the recipients, records the fix, and verifies it', async () => {
    const s = await services();
    try {
      expect(await api(s)['demo.reset']({ scenario: 'quota' })).toEqual({ reset: true });
      const created = await api(s)['sessions.create']({
        playbookId: 'exchange-recipient-quota',
        profileId: 'demo',
        pastedError: '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException',
      });
      const id = created.session.id;
      const act = (action: EngineerAction) => api(s)['sessions.act']({ id, action });
      const probe = (name: string) => api(s)['sessions.runProbe']({ id, probe: name });
      await probe('errors');
      let view = await probe('emailQueue');
      const f = (key: string) => view.session.facts.find((x) => x.key === key);
      expect(f('errors.count')!.value).toBeGreaterThan(0);
      expect(f('errors.perHour')!.value).toMatch(/hours? with errors, .* per hour on average, at most \d+/);
      expect(f('queue.failing')!.value).toBeGreaterThan(0);
      await act({ type: 'continue' });
      view = await probe('recipients24h');
      expect(f('volume.emails')).toMatchObject({ source: 'probe' });
      if (typeof f('volume.recipients')?.value !== 'number') await act({ type: 'answer', facts: { 'volume.perEmail': 9 } });
      await act({ type: 'continue' });
      // The demo profile names its mailbox; the other senders must be answered.
      const refused = api(s)['sessions.act']({ id, action: { type: 'continue' } });
      await expect(refused).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/No other sender/) });
      await act({ type: 'answer', facts: { 'mailbox.others': [] } });
      view = await act({ type: 'continue' });
      expect(f('diagnosis.total')!.value).toBeGreaterThan(10_000);
      expect(f('diagnosis.verdict')!.value).toMatch(/^Over the daily recipient quota: /);
      await act({ type: 'continue' });
      await act({ type: 'applied-manually', note: 'Waited for the 24 h window; the campaign moved to a bulk service' });
      await act({ type: 'continue' });
      // Right after the fix the mailbox is still over the quota in the rolling 24 h: not yet verified, saying until when.
      const verified = await api(s)['sessions.verify']({ id });
      expect(verified.session.verification).toMatchObject({ result: 'watch' });
      const criteria = Object.fromEntries(verified.session.verification!.criteria!.map((c) => [c.id, c.state]));
      expect(criteria).toEqual({ 'no-error-since-fix': 'pass', 'queue-drained': 'pass', 'traffic-since-fix': 'pass', 'quota-window': 'watching' });
      expect(verified.session.facts.find((x) => x.key === 'after.queue.failing')).toMatchObject({ value: 0, source: 'probe' });
      expect(Number(verified.session.facts.find((x) => x.key === 'after.mailbox.recipients')!.value)).toBeGreaterThan(10_000);
      await expect(act({ type: 'continue' })).rejects.toMatchObject({ message: expect.stringMatching(/finish the session as not yet verified/) });
      const done = await act({ type: 'complete' });
      expect(done.session.status).toBe('applied-not-verified');
      const report = await api(s)['reports.preview']({ sessionId: id });
      expect(report.model.header).toMatchObject({ title: 'Daily recipient quota on Demo farm (embedded)', outcome: 'applied-not-verified' });
      expect(report.model.outcome.followUps[0]).toMatchObject({ owner: 'Support engineer', notBefore: verified.session.verification!.until });
    } finally {
      await s.close();
    }
  });
});
