import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { EngineerAction } from '../../shared/api/methods/sessions';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import { toReportInput } from '../../electron/services/sessions/report-input';
import { SMTP_AUTH_TEXTS } from '../../shared/incidents/example-texts';
import { createPlaybookRegistry } from '../../shared/playbooks';
import { smtpAuthPlaybook as playbook } from '../../shared/playbooks/smtp-auth';
import { decide } from '../../shared/playbooks/smtp-auth/decision';
import { compareVersions, parseVersion, VARIANT_WORDS } from '../../shared/playbooks/smtp-auth/facts';
import { DEADLINE_SENTENCE } from '../../shared/playbooks/smtp-auth/instructions';
import type { ErrorsProbeResult } from '../../shared/probes/types';
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
const TENANT_DISABLED = SMTP_AUTH_TEXTS.tenantDisabled[0];
const SECURITY_DEFAULTS = SMTP_AUTH_TEXTS.securityDefaults[0];
const BASIC_RETIRED = SMTP_AUTH_TEXTS.basicRetired[0];
const BAD_CREDENTIALS = SMTP_AUTH_TEXTS.badCredentials[0];
const NOT_AUTHENTICATED = SMTP_AUTH_TEXTS.notAuthenticated[0];

interface Walk {
  session(): Session;
  act(action: SessionAction, at?: string): Session;
}

function start(pastedError: string | null = null): Walk {
  let t = Date.parse('2026-12-01T08:00:00Z');
  const tick = () => new Date((t += 60_000)).toISOString();
  let session = createSession({ id: 's1', playbook, environment, offline: true, now: tick(), pastedError });
  if (pastedError)
    session = reduceSession(
      session,
      { type: 'answer', facts: { 'symptom.evidence': pastedError }, detail: 'pasted when the session started' },
      playbook,
      tick(),
    );
  return {
    session: () => session,
    act: (action, at) => {
      if (at) t = Date.parse(at);
      session = reduceSession(session, action, playbook, at ?? tick());
      return session;
    },
  };
}

interface Answers {
  pasted?: string;
  version?: string;
  server?: string;
  port?: number;
  auth?: 'Basic' | 'OAuth 2.0' | 'Not known';
  securityDefaults?: 'Yes' | 'No' | 'Not known';
}

/** Walks an offline session to the diagnosis with the facts typed in, as an engineer would. */
function diagnose(a: Answers): Walk {
  const w = start(a.pasted ?? TENANT_DISABLED);
  w.act({ type: 'continue' });
  w.act({ type: 'answer', facts: { 'platform.version': a.version ?? '11.38.0' } });
  w.act({ type: 'continue' });
  const smtp: Record<string, FactValue> = { 'smtp.server': a.server ?? 'smtp.office365.com', 'smtp.auth': a.auth ?? 'Basic' };
  if (a.port !== undefined) smtp['smtp.port'] = a.port;
  w.act({ type: 'answer', facts: smtp });
  w.act({ type: 'continue' });
  w.act({ type: 'answer', facts: { mailbox: MAILBOX, 'tenant.securityDefaults': a.securityDefaults ?? 'No' } });
  w.act({ type: 'continue' });
  expect(playbook.steps[w.session().current]!.id).toBe('diagnosis');
  return w;
}

const value = (session: Session, key: string) => session.facts.find((f) => f.key === key)?.value;
const instructionsOf = (session: Session) => playbook.steps.find((s) => s.id === 'fix')!.instructions!(contextOf(session));
const powerShell = (session: Session) =>
  instructionsOf(session)
    .filter((i) => i.code?.language === 'PowerShell')
    .map((i) => i.code!.text)
    .join('\n');

describe('SMTP authentication playbook: recognition and versions', () => {
  it('is recognised by its matchers, and not by the 432, 554 5.2.0, 451 4.7.500 or 421 4.3.2 texts', () => {
    const registry = createPlaybookRegistry([playbook]);
    for (const text of [TENANT_DISABLED, SECURITY_DEFAULTS, BASIC_RETIRED, BAD_CREDENTIALS, NOT_AUTHENTICATED]) {
      expect(registry.recognise(text).map((p) => p.id)).toEqual(['exchange-smtp-auth']);
    }
    for (const text of [
      'Error sending email 40012: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information',
      '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception',
      '451 4.7.500 Server busy. Please try again later.',
      '421 4.3.2 Service not available, closing transmission channel',
    ]) {
      expect(registry.recognise(text)).toEqual([]);
    }
  });

  it('reads versions as numbers: 11.9 < 11.10, "Platform Server 11.38.0 (Build 44017)" is 11.38.0', () => {
    expect(parseVersion('Platform Server 11.38.0 (Build 44017)')).toEqual([11, 38, 0]);
    expect(parseVersion('11.34')).toEqual([11, 34]);
    expect(parseVersion('eleven')).toBeNull();
    expect(compareVersions([11, 9, 0], [11, 10, 0])).toBe(-1);
    expect(compareVersions([11, 34], [11, 34, 0])).toBe(0);
    expect(compareVersions([11, 42, 1], [11, 34, 0])).toBe(1);
  });
});

describe('SMTP authentication playbook: the decision per form', () => {
  it('SMTP AUTH off for the tenant on 11.30.0: the plan starts with the upgrade, the mailbox setting is the stop-gap', () => {
    const w = diagnose({ pasted: TENANT_DISABLED, version: '11.30.0' });
    const s = w.session();
    expect(decide(contextOf(s)).route).toBe('upgrade-first');
    // The text that opened the session is also its evidence: one line, counted once.
    expect(value(s, 'symptom.forms')).toBe('535 5.7.139: SMTP AUTH is disabled for the tenant (1 pasted line)');
    expect(value(s, 'platform.oauth')).toBe('Platform Server 11.30.0 has no OAuth 2.0 for SMTP: it needs 11.34.0 or later (11.42.0 or later recommended).');
    expect(value(s, 'diagnosis.verdict')).toMatch(
      /^SMTP AUTH is off for the tenant: turning it back on is a stop-gap, OAuth 2\.0 is the lasting fix, and Platform Server 11\.30\.0 has no OAuth 2\.0 for SMTP: the plan starts with the upgrade to 11\.42\.0 or later/,
    );
    expect(value(s, 'diagnosis.stopGap')).toContain(`Set-CASMailbox -Identity ${MAILBOX} -SmtpClientAuthenticationDisabled $false`);
    expect(value(s, 'diagnosis.stopGap')).toContain('Set-TransportConfig -SmtpClientAuthenticationDisabled $false');
    expect(value(s, 'diagnosis.unknown')).toBe('Nothing the decision needs is missing.');
    const steps = instructionsOf(s);
    expect(steps[0]!.text).toMatch(/^Upgrade the Platform Server to 11\.42\.0 or later/);
    expect(steps[1]!.code!.text).toContain(`Set-CASMailbox -Identity "${MAILBOX}" -SmtpClientAuthenticationDisabled $false`);
    expect(steps.at(-1)).toEqual({ where: 'What to tell the customer', text: DEADLINE_SENTENCE });
    // Every derived fact of the decision says where it came from.
    const diagnosis = stepViews(s, playbook).find((v) => v.def.id === 'diagnosis')!;
    expect(diagnosis.facts.map((f) => f.key)).toEqual([
      'diagnosis.cause',
      'diagnosis.verdict',
      'diagnosis.stopGap',
      'diagnosis.lasting',
      'diagnosis.platform',
      'diagnosis.unknown',
    ]);
    expect(diagnosis.facts.every((f) => f.source === 'derived')).toBe(true);
  });

  it('SMTP AUTH off for the tenant on 11.38.0: OAuth 2.0 now, with the service principal and mailbox permission for this mailbox', () => {
    const s = diagnose({ pasted: TENANT_DISABLED, version: '11.38.0' }).session();
    expect(decide(contextOf(s)).route).toBe('oauth');
    expect(value(s, 'platform.oauth')).toMatch(/11\.42\.0 or later is recommended, it fixes BCC/);
    const code = powerShell(s);
    expect(code).toContain('New-ServicePrincipal -AppId "<APPLICATION_ID>" -ObjectId "<OBJECT_ID>"');
    expect(code).toContain(`Add-MailboxPermission -Identity "${MAILBOX}" -User "<SERVICE_PRINCIPAL_ID>" -AccessRights FullAccess`);
    const words = instructionsOf(s)
      .map((i) => `${i.where ?? ''} ${i.text}`)
      .join('\n');
    expect(words).toMatch(/App registrations > New registration/);
    expect(words).toMatch(/SMTP\.SendAsApp/);
    expect(words).toMatch(
      /Service Center > Administration > Email .*OAuth 2\.0 and enter the Directory \(tenant\) ID, the Application \(client\) ID and the client secret/,
    );
    expect(words).toMatch(/Send a test email/);
    expect(words).toMatch(/No Scheduler Service restart is needed/);
  });

  it('security defaults: OAuth 2.0 is required, the stop-gap is a relay connector, not SMTP AUTH back on', () => {
    const s = diagnose({ pasted: SECURITY_DEFAULTS, version: '11.45.2', securityDefaults: 'Yes' }).session();
    const d = decide(contextOf(s));
    expect(d.route).toBe('oauth');
    expect(d.verdict).toMatch(
      /^Exchange Online no longer takes Basic authentication from noreply@contoso\.com: OAuth 2\.0 is required\. Platform Server 11\.45\.2 has it/,
    );
    expect(value(s, 'diagnosis.stopGap')).toMatch(/^An SMTP relay connector \(port 25/);
    expect(value(s, 'diagnosis.stopGap')).not.toMatch(/Set-CASMailbox/);
    expect(value(s, 'platform.oauth')).toBe('Platform Server 11.45.2 has OAuth 2.0 for SMTP, with the BCC fix of 11.42.0.');
    expect(instructionsOf(s).some((i) => i.where?.startsWith('Exchange admin center > Mail flow > Connectors'))).toBe(true);
  });

  it('SMTP AUTH off for the mailbox, with security defaults on: turning SMTP AUTH on alone would not let Basic through', () => {
    const s = diagnose({ pasted: SMTP_AUTH_TEXTS.mailboxDisabled[0], securityDefaults: 'Yes' }).session();
    const d = decide(contextOf(s));
    expect(d.route).toBe('oauth');
    expect(d.relayConnector).toBe(true);
    expect(d.stopGap).not.toMatch(/Set-CASMailbox/);
    expect(d.verdict).toMatch(/on its own it does not bring Basic authentication back/);
  });

  it('550 5.7.30 with the version not known: OAuth required, and the diagnosis says the version is missing', () => {
    const s = diagnose({ pasted: BASIC_RETIRED, version: 'not known' }).session();
    expect(decide(contextOf(s)).route).toBe('oauth-version-unknown');
    expect(value(s, 'diagnosis.unknown')).toMatch(/^The Platform Server version \(Service Center > Administration > About/);
    expect(value(s, 'diagnosis.platform')).toMatch(
      /^OAuth 2\.0 for SMTP: not known, the Platform Server version is not known; it needs Platform Server 11\.34\.0 or later/,
    );
    expect(instructionsOf(s)[0]!.text).toMatch(/^Find the Platform Server version first/);
  });

  it('535 5.7.3: credentials and TLS on port 587, the account not disabled; no OAuth steps', () => {
    const s = diagnose({ pasted: BAD_CREDENTIALS }).session();
    const d = decide(contextOf(s));
    expect(d.route).toBe('credentials');
    expect(d.verdict).toMatch(/refused the user name or password: check that noreply@contoso\.com is not disabled or blocked from sign-in/);
    expect(d.verdict).toMatch(/port 587 with TLS/);
    expect(d.stopGap).toBeNull();
    expect(value(s, 'diagnosis.stopGap')).toMatch(/^None/);
    expect(powerShell(s)).toContain(`Get-Mailbox -Identity "${MAILBOX}" | Format-List UserPrincipalName,AccountDisabled`);
    expect(powerShell(s)).not.toContain('New-ServicePrincipal');
    expect(instructionsOf(s).at(-1)!.text).toBe(DEADLINE_SENTENCE);
  });

  it('530 5.7.57 on port 25: TLS on port 587, and an unknown port is said to be unknown', () => {
    expect(decide(contextOf(diagnose({ pasted: NOT_AUTHENTICATED, port: 25 }).session())).verdict).toMatch(/port 587 \(not 25\) with TLS/);
    const s = diagnose({ pasted: NOT_AUTHENTICATED }).session();
    expect(decide(contextOf(s)).route).toBe('tls');
    expect(value(s, 'diagnosis.unknown')).toMatch(/^The SMTP port/);
  });

  it('the platform already on OAuth 2.0 with SMTP AUTH off: turning it on is the fix, not a stop-gap', () => {
    const s = diagnose({ pasted: TENANT_DISABLED, auth: 'OAuth 2.0' }).session();
    const d = decide(contextOf(s));
    expect(d.route).toBe('oauth-in-place');
    expect(d.stopGap).toBeNull();
    expect(powerShell(s)).toContain(`Set-CASMailbox -Identity "${MAILBOX}" -SmtpClientAuthenticationDisabled $false`);
  });

  it('both forms in the error log (the demo): perVariant gives the forms with first and last seen, and OAuth is required', () => {
    const w = start();
    const result: Partial<ErrorsProbeResult> = {
      readAt: '2026-12-01T08:00:00.000Z',
      durationMs: 5,
      engine: 'demo',
      windowStart: '2026-11-24T08:00:00.000Z',
      windowEnd: '2026-12-01T08:00:00.000Z',
      count: 180,
      capped: false,
      firstSeen: '2026-11-29T08:10:00.000Z',
      lastSeen: '2026-12-01T07:50:00.000Z',
      perServer: [
        { server: 'FE01', count: 95 },
        { server: 'FE02', count: 85 },
      ],
      perHour: [],
      samples: [],
      summary: '180 SMTP authentication errors',
      perVariant: [
        {
          variant: 'tenant-disabled',
          label: '535 5.7.139 SmtpClientAuthentication is disabled for the Tenant',
          count: 150,
          firstSeen: '2026-11-29T08:10:00.000Z',
          lastSeen: '2026-12-01T07:50:00.000Z',
        },
        {
          variant: 'basic-retired',
          label: '550 5.7.30 Basic authentication is not supported for Client Submission',
          count: 30,
          firstSeen: '2026-11-29T09:00:00.000Z',
          lastSeen: '2026-12-01T07:40:00.000Z',
        },
      ],
    };
    // The probe fills the facts even offline in this test: the reducer takes any probe result the playbook declares.
    w.act({ type: 'probe-result', probe: 'authErrors', result, origin: { kind: 'database', environment: 'PRD' } });
    const s = w.session();
    expect(value(s, 'errors.perVariant')).toBe(
      '535 5.7.139 SmtpClientAuthentication is disabled for the Tenant: 150, first 2026-11-29 08:10 UTC, last 2026-12-01 07:50 UTC; 550 5.7.30 Basic authentication is not supported for Client Submission: 30, first 2026-11-29 09:00 UTC, last 2026-12-01 07:40 UTC',
    );
    expect(value(s, 'errors.perServer')).toBe('FE01: 95, FE02: 85');
    expect(value(s, 'symptom.forms')).toMatch(/^535 5\.7\.139: SMTP AUTH is disabled for the tenant \(150 in the error log\); 550 5\.7\.30/);
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { 'platform.version': '11.42.0' } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { 'smtp.server': 'smtp.office365.com', 'smtp.port': 587, 'smtp.auth': 'Basic' } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { mailbox: MAILBOX, 'tenant.securityDefaults': 'Not known' } });
    w.act({ type: 'continue' });
    const d = decide(contextOf(w.session()));
    expect(d.variants).toEqual(['tenant-disabled', 'basic-retired']);
    expect(d.route).toBe('oauth');
    expect(d.verdict).toMatch(/Turning SMTP AUTH back on is still needed \(OAuth 2\.0 goes through it\)/);
  });
});

describe('SMTP authentication playbook: the steps ask, and say what is missing', () => {
  it('symptom: a text that is not this error is refused; a form chosen by the engineer is enough', () => {
    const w = start('421 4.3.2 Service not available, closing transmission channel');
    expect(() => w.act({ type: 'continue' })).toThrow(/not an SMTP authentication refusal/);
    w.act({ type: 'answer', facts: { 'symptom.evidence': null, 'symptom.form': VARIANT_WORDS['security-defaults'] } });
    // The session's opening text stays as evidence, the chosen form counts.
    expect(value(w.session(), 'symptom.forms')).toMatch(/security defaults \(chosen by the engineer\)/);
    expect(w.act({ type: 'continue' }).current).toBe(1);
  });

  it('errors counted but no form known: asks for a line or the form', () => {
    const w = start();
    w.act({ type: 'answer', facts: { 'errors.count': 12 } });
    expect(() => w.act({ type: 'continue' })).toThrow(/Say which form of the error it is/);
  });

  it('platform version: required, "not known" is an answer, nonsense is refused', () => {
    const w = start(TENANT_DISABLED);
    w.act({ type: 'continue' });
    expect(() => w.act({ type: 'continue' })).toThrow(/Give the Platform Server version .* or type "not known"/);
    w.act({ type: 'answer', facts: { 'platform.version': 'the latest' } });
    expect(() => w.act({ type: 'continue' })).toThrow(/"the latest" is not a version/);
    w.act({ type: 'answer', facts: { 'platform.version': 'not known' } });
    expect(w.act({ type: 'continue' }).current).toBe(2);
  });

  it('SMTP settings and tenant: the authentication method and security defaults must be answered', () => {
    const w = start(TENANT_DISABLED);
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { 'platform.version': '11.38.0' } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { 'smtp.server': 'smtp.office365.com' } });
    expect(() => w.act({ type: 'continue' })).toThrow(/Say how the platform authenticates/);
    w.act({ type: 'answer', facts: { 'smtp.auth': 'Not known' } });
    w.act({ type: 'continue' });
    w.act({ type: 'answer', facts: { mailbox: MAILBOX } });
    expect(() => w.act({ type: 'continue' })).toThrow(/security defaults/);
    w.act({ type: 'answer', facts: { 'tenant.securityDefaults': 'Not known' } });
    w.act({ type: 'continue' });
    const unknown = String(value(w.session(), 'diagnosis.unknown'));
    expect(unknown).toMatch(/Whether the tenant uses security defaults/);
    expect(unknown).toMatch(/The authentication method the platform uses/);
  });
});

/** Diagnosed on 11.38.0 (tenant off), continued to the fix, the fix recorded at `fixAt`. */
function atVerify(fixAt = '2026-12-01T10:00:00.000Z'): Walk {
  const w = diagnose({ pasted: TENANT_DISABLED, version: '11.38.0' });
  w.act({ type: 'continue' });
  expect(playbook.steps[w.session().current]!.id).toBe('fix');
  expect(() => w.act({ type: 'continue' })).toThrow(/Record what was changed/);
  w.act(
    {
      type: 'applied-manually',
      note: 'Customer admin registered the app, ran the PowerShell, set OAuth 2.0 in Service Center',
      actor: 'Ana',
      option: 'lasting',
    },
    fixAt,
  );
  w.act({ type: 'continue' });
  expect(playbook.steps[w.session().current]!.id).toBe('verify');
  return w;
}

describe('SMTP authentication playbook: verification and outcome', () => {
  it('passes with no error and emails sent since the fix; the session is resolved', () => {
    const w = atVerify();
    w.act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.emails.sent': 75 } });
    const v = w.act({ type: 'verify' }).verification!;
    expect(v).toMatchObject({ result: 'pass', since: '2026-12-01T10:00:00.000Z' });
    expect(v.summary).toMatch(
      /^Verified: no SMTP authentication error since the fix: 0 since 01 Dec 2026, 10:00 UTC \(as the engineer recorded it, .*\); at least one email sent since the fix: 75 emails sent since 01 Dec 2026, 10:00 UTC/,
    );
    w.act({ type: 'continue' });
    expect(w.act({ type: 'complete' }).status).toBe('resolved');
  });

  it('fails when the errors keep coming, and sends the engineer back to the fix', () => {
    const w = atVerify();
    w.act({ type: 'answer', facts: { 'after.errors.count': 4, 'after.emails.sent': 3 } });
    const v = w.act({ type: 'verify' }).verification!;
    expect(v.result).toBe('fail');
    expect(v.summary).toMatch(/^Not fixed: no SMTP authentication error since the fix: 4 since 01 Dec 2026, 10:00 UTC/);
    expect(() => w.act({ type: 'continue' })).toThrow(/Go back to the fix/);
    expect(w.act({ type: 'complete' }).status).toBe('not-resolved');
  });

  it('watches when nothing is known yet or no email went out, saying what is missing; completed then: applied, not verified', () => {
    const w = atVerify();
    const unknown = w.act({ type: 'verify' }).verification!;
    expect(unknown.result).toBe('watch');
    expect(unknown.summary).toBe(
      'Not yet verified: no SMTP authentication error since the fix: not known since the fix at 01 Dec 2026, 10:00 UTC; at least one email sent since the fix: emails sent since 01 Dec 2026, 10:00 UTC: not known.',
    );
    w.act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.emails.sent': 0 } });
    const quiet = w.act({ type: 'verify' }).verification!;
    expect(quiet.result).toBe('watch');
    expect(quiet.criteria!.map((c) => c.state)).toEqual(['pass', 'watching', 'skipped']);
    expect(quiet.summary).toMatch(/^Not yet verified: at least one email sent since the fix: 0 emails sent since 01 Dec 2026, 10:00 UTC .*; 1 needed\.$/);
    expect(() => w.act({ type: 'continue' })).toThrow(/finish the session as not yet verified/);
    expect(w.act({ type: 'verify', result: 'watch', watchMinutes: 10 }).verification).toMatchObject({ result: 'watch', watchMinutes: 10 });
    expect(w.act({ type: 'complete' }).status).toBe('applied-not-verified');
  });

  it('without a recorded fix the outcome is not resolved', () => {
    const w = diagnose({});
    expect(w.act({ type: 'complete' }).status).toBe('not-resolved');
  });
});

describe('SMTP authentication playbook: the report', () => {
  it('Markdown, HTML and JSON carry the PowerShell, the December 2026 sentence and the verdict, with no word of the 432 incident', () => {
    const w = atVerify();
    w.act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.emails.sent': 75 } });
    w.act({ type: 'verify' });
    w.act({ type: 'continue' });
    w.act({ type: 'complete' });
    const model = buildReport(toReportInput(w.session(), playbook), { engineerName: 'Ana Souza', generatedAt: '2026-12-01T12:00:00.000Z' });
    expect(model.header).toMatchObject({ title: 'SMTP authentication refused on PRD', outcome: 'resolved', outcomeLabel: 'Resolved' });
    expect(model.appendix.references.map((r) => r.url)).toEqual([
      'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
      'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835',
      null,
    ]);
    expect(model.actions.fixSteps.filter((s) => s.code?.language === 'PowerShell').length).toBeGreaterThanOrEqual(1);
    expect(model.verification).toMatchObject({ passed: true });

    const markdown = renderReportMarkdown(model);
    const html = renderReportHtml(model, { pageSize: 'A4' });
    const json = JSON.stringify(model);
    const esc = (text: string, target: string) =>
      target === html ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : text;
    for (const text of [markdown, html, json]) {
      const exact = (s: string) => (text === json ? JSON.stringify(s).slice(1, -1) : esc(s, text));
      expect(text).toContain('SMTP authentication refused on PRD');
      expect(text).toContain(exact(`Add-MailboxPermission -Identity "${MAILBOX}" -User "<SERVICE_PRINCIPAL_ID>" -AccessRights FullAccess`));
      expect(text).toContain('New-ServicePrincipal');
      expect(text).toContain('at the end of December 2026');
      expect(text).toContain('second half of 2027');
      expect(text).toContain('Verified: no SMTP authentication error since the fix: 0 since 01 Dec 2026, 10:00 UTC');
      expect(text).not.toMatch(/\b432\b|4\.3\.2|concurrent connection|NumberOfThreadsForEmails|IM-2795|threads?\b/i);
    }
    expect(markdown).toMatch(/```powershell\n/);
  });
});

describe('SMTP authentication playbook on the demo, through the dispatcher', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await forgetDemoDatabase(dir);
      removeDir(dir);
    }
  });

  async function services(): Promise<Services> {
    const dataDir = tempDataDir('st-smtp-auth-');
    dirs.push(dataDir);
    return createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
  }

  /** The typed client over `services`: a wrong method or input is a type error; an API error throws an ApiError. */
  const api = (services: Pick<Services, 'dispatch'>) => createInProcessClient(services);

  it('reads both forms with first and last seen, records the fix by hand, and Verify passes once the queue is sent', async () => {
    const s = await services();
    try {
      expect(await api(s)['demo.reset']({ scenario: 'smtp-auth' })).toEqual({ reset: true });
      const created = await api(s)['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: 'demo', pastedError: TENANT_DISABLED });
      const id = created.session.id;
      const act = (action: EngineerAction) => api(s)['sessions.act']({ id, action });
      const probe = (name: string, days?: number) => api(s)['sessions.runProbe']({ id, probe: name, ...(days ? { days } : {}) });
      await probe('authErrors', 7);
      let view = await probe('authQueue');
      const f = (key: string) => view.session.facts.find((x) => x.key === key);
      expect(f('errors.count')).toMatchObject({ source: 'probe', value: 180 });
      expect(String(f('errors.perVariant')!.value)).toMatch(
        /^535 5\.7\.139 SmtpClientAuthentication is disabled for the Tenant: 150, first \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, last .*; 550 5\.7\.30 .*: 30, first/,
      );
      expect(String(f('errors.perServer')!.value)).toMatch(/^FE0[12]: \d+, FE0[12]: \d+$/);
      expect(f('queue.summary')).toMatchObject({ source: 'probe' });
      await act({ type: 'continue' });
      await act({ type: 'answer', facts: { 'platform.version': '11.38.0' } });
      await act({ type: 'continue' });
      await act({ type: 'answer', facts: { 'smtp.server': 'smtp.office365.com', 'smtp.port': 587, 'smtp.auth': 'Basic' } });
      await act({ type: 'continue' });
      // The demo profile names its mailbox; security defaults must be answered.
      view = await act({ type: 'answer', facts: { 'tenant.securityDefaults': 'No' } });
      const mailbox = String(f('mailbox')!.value);
      expect(f('mailbox')).toMatchObject({ source: 'derived' });
      view = await act({ type: 'continue' });
      expect(f('diagnosis.verdict')!.value).toMatch(
        /^Exchange Online no longer takes Basic authentication from .*: OAuth 2\.0 is required\. Platform Server 11\.38\.0 has it/,
      );
      view = await act({ type: 'continue' });
      const fix = view.steps.find((st) => st.id === 'fix')!;
      expect(fix.instructions.map((i) => i.code?.text ?? '').join('\n')).toContain(`Add-MailboxPermission -Identity "${mailbox}"`);
      expect(view.applyFromApp).toMatchObject({ unavailable: expect.stringMatching(/outside this app/) });
      await act({ type: 'applied-manually', note: 'OAuth 2.0 set up by the customer admin; Service Center email settings saved', option: 'lasting' });
      await act({ type: 'continue' });
      const verified = await api(s)['sessions.verify']({ id });
      expect(verified.session.verification).toMatchObject({ result: 'pass' });
      expect(verified.session.verification!.summary).toMatch(
        /^Verified: no SMTP authentication error since the fix: 0 since .* \(read from the database, .*\); at least one email sent since the fix: \d+ emails sent since /,
      );
      await act({ type: 'continue' });
      const done = await act({ type: 'complete' });
      expect(done.session.status).toBe('resolved');
      const report = await api(s)['reports.preview']({ sessionId: id });
      expect(report.model.header).toMatchObject({ title: 'SMTP authentication refused on Demo farm (embedded)', outcome: 'resolved' });
      expect(report.model.symptom?.count).toBe(180);
    } finally {
      await s.close();
    }
  });
});
