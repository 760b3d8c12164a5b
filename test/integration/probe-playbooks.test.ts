import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CONCURRENCY_MATCHERS } from '../../shared/incidents/concurrency-matchers';
import { firstMatch, likePatternsOf, type Matcher } from '../../shared/incidents/matcher';
import { QUOTA_MATCHERS } from '../../shared/incidents/quota-matchers';
import { SMTP_AUTH_MATCHERS } from '../../shared/incidents/smtp-auth-matchers';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { DEMO_PROFILE_ID, forgetDemoDatabase, openDemoConnection, resetDemoDatabase } from '../../electron/services/demo/connect';
import { QUOTA_ERROR_HOURS, QUOTA_ERRORS } from '../../electron/services/demo/scenarios/quota';
import { SMTP_AUTH_BASIC_RETIRED_ERRORS, SMTP_AUTH_TENANT_ERRORS } from '../../electron/services/demo/scenarios/smtp-auth';
import type { DemoSeed } from '../../electron/services/demo/seed-model';
import { scenarioSeeds, type ScenarioName } from '../../electron/services/demo/seeds';
import type { DbEngine } from '../../electron/services/db/types';
import { ERROR_ROW_CAP, errorQueryParams } from '../../electron/services/probes/read-errors';
import { recipientColumnsOf, RECIPIENTS_ROW_CAP } from '../../electron/services/probes/read-recipients';
import { createProbeApi } from '../../electron/services/probes/service';
import { errorCandidatesSql, likeParamNames, MAX_LIKE_PATTERNS } from '../../electron/services/probes/sql/errors';
import { recipientsSql } from '../../electron/services/probes/sql/recipients';
import type { ProbeServiceApi } from '../../electron/services/probes/types';
import { removeDir, tempDataDir } from '../support/host';
import { demoSource, denyTable, timeOut } from '../support/probe-faults';
import { SEARCH_432, THREADS } from '../support/concurrency';

/**
 * The probes as the playbook library uses them: the error-log search with each playbook's matchers,
 * any platform parameter read and applied, and the recipients of the last 24 hours, on the demo
 * scenarios of the three playbooks.
 */
const NOW = new Date('2026-12-02T15:00:00.000Z');
const HOUR = 3_600_000;
const ENGINES: DbEngine[] = ['sqlserver', 'oracle', 'demo'];

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) {
    await forgetDemoDatabase(dir);
    removeDir(dir);
  }
});

function deps(dataDir: string): ServiceDeps {
  return { dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), now: () => NOW };
}

async function scenario(name: ScenarioName | ((now: Date) => DemoSeed), utcOffsetMinutes = 0): Promise<{ api: ProbeServiceApi; dataDir: string }> {
  const dataDir = tempDataDir('st-probe-playbooks-');
  dirs.push(dataDir);
  await resetDemoDatabase(dataDir, { now: () => NOW, seed: typeof name === 'function' ? name : scenarioSeeds[name], utcOffsetMinutes });
  return { api: createProbeApi(deps(dataDir), demoSource(dataDir, NOW)), dataDir };
}

/** What the seed holds of an error in the last 7 days, counted in code: the figures the probe must find. */
function seeded(seed: DemoSeed, matchers: readonly Matcher[], since = new Date(NOW.getTime() - 7 * 24 * HOUR)) {
  return seed.errors
    .filter((e) => e.instant >= since && e.instant < NOW)
    .flatMap((e) => {
      const m = firstMatch(matchers, e.message);
      return m ? [{ ...e, variant: m.variant ?? m.id }] : [];
    });
}

const placeholders = (sql: string, prefix: '@' | ':') =>
  [...new Set([...sql.matchAll(prefix === '@' ? /(?<![@\w])@(\w+)/g : /(?<![:\w]):(\w+)/g)].map((m) => m[1]!))].sort();

describe('the error-log search takes the playbook’s matchers', () => {
  it('SMTP authentication refused: counts each form exactly and names them', async () => {
    const { api } = await scenario('smtpAuth');
    const result = await api.readErrors(DEMO_PROFILE_ID, { matchers: SMTP_AUTH_MATCHERS, errorName: 'SMTP authentication error' });
    const expected = seeded(scenarioSeeds.smtpAuth(NOW), SMTP_AUTH_MATCHERS);
    expect(expected).toHaveLength(SMTP_AUTH_TENANT_ERRORS + SMTP_AUTH_BASIC_RETIRED_ERRORS);
    expect(result.count).toBe(180);
    expect(result.capped).toBe(false);
    expect(result.perVariant!.map((v) => [v.variant, v.count])).toEqual([
      ['tenant-disabled', 150],
      ['basic-retired', 30],
    ]);
    for (const v of result.perVariant!) {
      const times = expected
        .filter((e) => e.variant === v.variant)
        .map((e) => e.instant.toISOString())
        .sort();
      expect([v.firstSeen, v.lastSeen]).toEqual([times[0], times.at(-1)]);
      expect(v.label).toBe(SMTP_AUTH_MATCHERS.find((m) => m.variant === v.variant)!.label);
    }
    // The errors began two days ago, after a date: nothing earlier.
    expect(result.firstSeen! >= new Date(NOW.getTime() - 48 * HOUR).toISOString()).toBe(true);
    expect(result.summary).toMatch(
      /^180 occurrences of the SMTP authentication error over the last 7 days, on 2 servers\. By form: 150 535 5\.7\.139 SmtpClientAuthentication is disabled for the Tenant; 30 550 5\.7\.30 /,
    );
    for (const sample of result.samples) expect(firstMatch(SMTP_AUTH_MATCHERS, sample.message)).toBeDefined();
    // The noise (421 4.3.2, 554 5.2.2 mailbox full, "Invalid Login") is not counted, and nor is any 432.
    expect((await api.readErrors(DEMO_PROFILE_ID, SEARCH_432)).count).toBe(0);
    expect((await api.readErrors(DEMO_PROFILE_ID, { matchers: QUOTA_MATCHERS, errorName: 'recipient quota error' })).count).toBe(0);
  });

  it('the daily recipient quota: per hour over the last 20 hours, exactly as seeded', async () => {
    const { api } = await scenario('quota', -300);
    const result = await api.readErrors(DEMO_PROFILE_ID, { matchers: QUOTA_MATCHERS, errorName: 'recipient quota error', days: 1 });
    const expected = seeded(scenarioSeeds.quota(NOW), QUOTA_MATCHERS, new Date(NOW.getTime() - 24 * HOUR));
    const byHour = new Map<string, number>();
    for (const e of expected)
      byHour.set(`${e.instant.toISOString().slice(0, 13)}:00:00.000Z`, (byHour.get(`${e.instant.toISOString().slice(0, 13)}:00:00.000Z`) ?? 0) + 1);
    expect(result.count).toBe(QUOTA_ERRORS);
    expect(result.perHour).toEqual([...byHour].sort(([a], [b]) => a.localeCompare(b)).map(([hour, count]) => ({ hour, count })));
    expect(result.perHour.length).toBeGreaterThanOrEqual(QUOTA_ERROR_HOURS - 1);
    expect(result.perHour[0]!.hour >= new Date(NOW.getTime() - (QUOTA_ERROR_HOURS + 1) * HOUR).toISOString()).toBe(true);
    expect(result.perVariant).toEqual([
      { variant: 'quota.submission', label: QUOTA_MATCHERS[0]!.label, count: QUOTA_ERRORS, firstSeen: result.firstSeen, lastSeen: result.lastSeen },
    ]);
    // One form only: no "By form".
    expect(result.summary).toBe(
      '120 occurrences of the recipient quota error over the last 24 hours, on 2 servers. By form: 120 554 5.2.0 SubmissionQuotaExceededException (daily recipient limit, NDR 5.1.90).',
    );
    const none = await api.readErrors(DEMO_PROFILE_ID, {
      matchers: QUOTA_MATCHERS,
      errorName: 'recipient quota error',
      since: '2026-11-20T00:00:00Z',
      until: '2026-11-25T00:00:00Z',
    });
    expect(none.summary).toMatch(/^No recipient quota errors in the log/);
    expect(none.perVariant).toEqual([]);
  });

  it('searches for the 432 only when its matchers are given, and refuses a search without a name', async () => {
    const { api } = await scenario('incident');
    const result = await api.readErrors(DEMO_PROFILE_ID, SEARCH_432);
    expect(result).toMatchObject({ count: 84, perVariant: [{ variant: 'concurrency.432', count: 84 }] });
    expect(result.summary).not.toContain('By form');
    await expect(api.readErrors(DEMO_PROFILE_ID, { matchers: CONCURRENCY_MATCHERS, errorName: ' ' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'errorName',
    });
  });

  it('builds N LIKE placeholders per dialect, at most 16, the same names in the parameters', () => {
    const patterns = likePatternsOf(SMTP_AUTH_MATCHERS);
    expect(patterns).toHaveLength(12);
    const sql = errorCandidatesSql('OSLOG_ERROR', patterns.length);
    const names = Array.from({ length: 12 }, (_, i) => `like${i + 1}`);
    expect(sql.sqlserver).toContain(`AND (${names.map((n) => `LOWER(MESSAGE) LIKE @${n}`).join(' OR ')})`);
    expect(sql.oracle).toContain(`AND (${names.map((n) => `LOWER(MESSAGE) LIKE :${n}`).join(' OR ')})`);
    expect(sql.demo).toContain(`AND (${names.map((n) => `LOWER(MESSAGE) LIKE :${n}`).join(' OR ')})`);
    expect(sql.sqlserver).toMatch(/^SELECT TOP \(@cap\) /);
    expect(sql.oracle).toMatch(/FETCH FIRST :cap ROWS ONLY$/);
    expect(sql.demo).toMatch(/LIMIT :cap$/);
    const params = errorQueryParams('2026-11-25T15:00:00.000', '2026-12-02T15:00:00.000', ERROR_ROW_CAP, patterns);
    expect(Object.keys(params).sort()).toEqual(placeholders(sql.sqlserver, '@'));
    expect(placeholders(sql.oracle, ':')).toEqual(placeholders(sql.sqlserver, '@'));
    expect(placeholders(sql.demo, ':')).toEqual(placeholders(sql.sqlserver, '@'));
    expect(names.map((n) => params[n])).toEqual(patterns);
    // The patterns travel as parameters, never in the text.
    for (const engine of ENGINES) for (const p of patterns) expect(sql[engine]).not.toContain(p);
    expect(likeParamNames(MAX_LIKE_PATTERNS)).toHaveLength(16);
    expect(() => errorCandidatesSql('OSLOG_ERROR', 17)).toThrow(/1 to 16/);
    expect(() => errorCandidatesSql('OSLOG_ERROR', 0)).toThrow(/1 to 16/);
  });

  it('refuses matchers that would need more than 16 prefilters, or none', async () => {
    const { api } = await scenario('incident');
    const many: Matcher[] = Array.from({ length: 17 }, (_, i) => ({ ...QUOTA_MATCHERS[0]!, id: `m${i}`, likePatterns: [`%word${i}%`] }));
    await expect(api.readErrors(DEMO_PROFILE_ID, { matchers: many, errorName: 'error' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'matchers',
      message: expect.stringContaining('17 LIKE prefilters'),
    });
    await expect(api.readErrors(DEMO_PROFILE_ID, { matchers: [], errorName: 'error' })).rejects.toMatchObject({ code: 'invalid_input', field: 'matchers' });
  });
});

describe('any platform parameter', () => {
  it('reads any parameter by name, whatever its letter case, and names it', async () => {
    const { api } = await scenario('incident');
    const backoff = await api.readParameter(DEMO_PROFILE_ID, { name: 'scheduler.emailbackoffmaxdays' });
    expect(backoff).toMatchObject({
      rows: [{ name: 'Scheduler.EmailBackoffMaxDays', value: '2', host: null }],
      globalValue: 2,
      hostValues: {},
      engine: 'demo',
    });
    expect(backoff.clock).toMatchObject({ utcOffsetMinutes: 0 });
    expect(backoff.summary).toBe('scheduler.emailbackoffmaxdays is 2 (global row).');
    expect((await api.readParameter(DEMO_PROFILE_ID, { name: 'Scheduler.NumberOfThreadsForProcesses' })).globalValue).toBe(10);
    const missing = await api.readParameter(DEMO_PROFILE_ID, { name: 'Scheduler.SmtpOAuth' });
    expect(missing).toMatchObject({ rows: [], globalValue: null });
    expect(missing.summary).toBe('No row named Scheduler.SmtpOAuth exists. Read the value shown in Factory Configuration > Platform Configurations.');
    await expect(api.readParameter(DEMO_PROFILE_ID, { name: '  ' })).rejects.toMatchObject({ code: 'invalid_input', field: 'name' });
  });

  it('shows per-host rows and a value that is not a number', async () => {
    const { api } = await scenario('fiveServers');
    const send = await api.readParameter(DEMO_PROFILE_ID, { name: 'Scheduler.SendEmails' });
    expect(send.rows).toHaveLength(5);
    expect(send.globalValue).toBeNull();
    expect(send.hostValues).toEqual({});
    expect(send.summary).toBe('Scheduler.SendEmails has no global row; per-host rows: FE01 = True, FE02 = True, FE03 = True, FE04 = False, FE05 = False.');
    // readThreads is readParameter for the threads.
    const threads = await api.readParameter(DEMO_PROFILE_ID, THREADS);
    expect({ ...threads, durationMs: 0, readAt: '' }).toEqual({
      ...(await api.readParameter(DEMO_PROFILE_ID, { name: 'Scheduler.NumberOfThreadsForEmails' })),
      durationMs: 0,
      readAt: '',
    });
  });
});

describe('apply and undo on another parameter', () => {
  let api: ProbeServiceApi;
  let dataDir: string;
  beforeEach(async () => {
    ({ api, dataDir } = await scenario('incident'));
  });
  const BACKOFF = 'Scheduler.EmailBackoffMaxDays';

  it('compare-and-set on its global row, audit entry naming it, read back, and undo restores it', async () => {
    const preview = await api.previewApplyParameter(DEMO_PROFILE_ID, { parameter: BACKOFF, expected: '2', newValue: 5, min: 1, max: 30 });
    expect(preview).toMatchObject({ parameters: { newValue: '5', name: 'scheduler.emailbackoffmaxdays', expected: '2' } });
    expect(preview.description).toBe('Sets the global Scheduler.EmailBackoffMaxDays row from 2 to 5, only if it still holds 2.');
    const applied = await api.applyParameter(DEMO_PROFILE_ID, {
      parameter: BACKOFF,
      expected: '2',
      newValue: 5,
      min: 1,
      max: 30,
      actor: 'Ana',
      sessionId: 's-9',
    });
    expect(applied).toMatchObject({ before: '2', after: '5', statement: preview.statement, parameters: preview.parameters, parameter: BACKOFF });
    expect((await api.readParameter(DEMO_PROFILE_ID, { name: BACKOFF })).globalValue).toBe(5);
    // Only that parameter changed.
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
    expect(await api.listAudit()).toMatchObject([
      { id: applied.auditId, kind: 'apply', parameter: BACKOFF, before: '2', after: '5', state: 'done', sessionId: 's-9' },
    ]);

    const undo = await api.undoApply(applied.auditId, { actor: 'Ana' });
    expect(undo).toMatchObject({ before: '5', after: '2', parameter: BACKOFF });
    expect((await api.readParameter(DEMO_PROFILE_ID, { name: BACKOFF })).globalValue).toBe(2);
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
    const audit = await api.listAudit();
    expect(audit.map((e) => [e.kind, e.parameter])).toEqual([
      ['undo', BACKOFF],
      ['apply', BACKOFF],
    ]);
    expect(audit[1]!.undoneBy).toBe(undo.auditId);
  });

  it('refuses when the value changed underneath, naming the parameter and the new value', async () => {
    await (await openDemoConnection(dataDir)).execute(`UPDATE OSSYS_PARAMETER SET VAL = '7' WHERE NAME = '${BACKOFF}'`);
    await expect(api.applyParameter(DEMO_PROFILE_ID, { parameter: BACKOFF, expected: '2', newValue: 5, min: 1, max: 30, actor: 'Ana' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Scheduler.EmailBackoffMaxDays is now 7, not 2'),
    });
    expect(await api.listAudit()).toMatchObject([{ parameter: BACKOFF, state: 'failed' }]);
    expect((await api.readParameter(DEMO_PROFILE_ID, { name: BACKOFF })).globalValue).toBe(7);
  });

  it('refuses a value outside what the caller allows, and a missing range, before touching the database', async () => {
    const request = { parameter: BACKOFF, expected: '2', actor: 'Ana', min: 1, max: 30 };
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...request, newValue: 31 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'newValue',
      message: 'At most 30 for Scheduler.EmailBackoffMaxDays',
    });
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...request, newValue: 0 })).rejects.toMatchObject({ code: 'invalid_input', field: 'newValue' });
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...request, newValue: 2.5 })).rejects.toMatchObject({ code: 'invalid_input', field: 'newValue' });
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...request, newValue: 3, max: undefined as unknown as number })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'max',
    });
    await expect(api.previewApplyParameter(DEMO_PROFILE_ID, { parameter: BACKOFF, expected: '2', newValue: 99, min: 1, max: 30 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'newValue',
    });
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...request, parameter: '', newValue: 3 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'parameter',
    });
    expect(await api.listAudit()).toEqual([]);
    expect((await api.readParameter(DEMO_PROFILE_ID, { name: BACKOFF })).globalValue).toBe(2);
  });
});

describe('recipients in the last 24 hours', () => {
  /** The recipients of the emails sent since `since`, counted in code from the address lists. */
  async function countedInCode(dataDir: string, sinceLocal: string) {
    const conn = await openDemoConnection(dataDir);
    const rows = await conn.query<Record<string, string | null>>(
      `SELECT e."TO" AS T, e.CC AS C, e.BCC AS B FROM OSSYS_EMAIL_STATUS s JOIN OSSYS_EMAIL e ON e.ID = s.EMAIL_ID WHERE s.SENT >= :since`,
      { since: sinceLocal },
    );
    const inList = (list: string | null) => (list ?? '').split(/[;,]/).filter((a) => a.trim() !== '').length;
    return { emails: rows.length, recipients: rows.reduce((n, r) => n + inList(r.T) + inList(r.C) + inList(r.B), 0) };
  }

  it.each([0, -300, 330])('the quota demo at UTC%+d min: more than 10,000 recipients, counted exactly', async (offset) => {
    const { api, dataDir } = await scenario('quota', offset);
    const result = await api.readRecipients(DEMO_PROFILE_ID);
    const local = new Date(NOW.getTime() - 24 * HOUR + offset * 60_000).toISOString().replace('T', ' ').slice(0, 23);
    const expected = await countedInCode(dataDir, local);
    expect(expected.emails).toBeGreaterThanOrEqual(1400);
    expect(result).toMatchObject({
      known: true,
      since: '2026-12-01T15:00:00.000Z',
      hours: 24,
      emails: expected.emails,
      recipients: expected.recipients,
      capped: false,
      engine: 'demo',
    });
    expect(result.recipients!).toBeGreaterThan(10_000);
    expect(result.evidence).toEqual({ emailColumns: ['BCC', 'CC', 'CREATED', 'ID', 'SENDER', 'SUBJECT', 'TO'], recipientColumns: ['TO', 'CC', 'BCC'] });
    expect(result.clock).toMatchObject({ utcOffsetMinutes: offset });
    expect(result.summary).toBe(
      `${expected.emails.toLocaleString('en-US')} emails sent in the last 24 hours (since 2026-12-01 15:00 UTC), to ${expected.recipients.toLocaleString('en-US')} recipients (addresses counted by their ; and , separators in OSSYS_EMAIL TO, CC, BCC, joined by OSSYS_EMAIL_STATUS.EMAIL_ID = OSSYS_EMAIL.ID).`,
    );
  });

  it('a shorter window counts fewer emails', async () => {
    const { api } = await scenario('quota');
    const lastHours = await api.readRecipients(DEMO_PROFILE_ID, { hours: 20 });
    expect(lastHours).toMatchObject({ known: true, hours: 20, emails: 0, recipients: 0 });
    await expect(api.readRecipients(DEMO_PROFILE_ID, { hours: 0 })).rejects.toMatchObject({ code: 'invalid_input', field: 'hours' });
    await expect(api.readRecipients(DEMO_PROFILE_ID, { hours: 500 })).rejects.toMatchObject({ code: 'invalid_input', field: 'hours' });
  });

  it('recipients are null, with the columns seen, when OSSYS_EMAIL has no recipient column', async () => {
    const noColumns = (now: Date): DemoSeed => {
      const seed = scenarioSeeds.quota(now);
      return { ...seed, layout: { ...seed.layout, recipientColumns: false } };
    };
    const { api } = await scenario(noColumns);
    const result = await api.readRecipients(DEMO_PROFILE_ID);
    expect(result).toMatchObject({ known: true, recipients: null, evidence: { emailColumns: ['CREATED', 'ID', 'SENDER', 'SUBJECT'] } });
    expect(result.emails!).toBeGreaterThanOrEqual(1400);
    expect(result.reason).toBe('no recipient column (To, Cc, Bcc, Recipients) was found on OSSYS_EMAIL, whose columns are CREATED, ID, SENDER, SUBJECT');
    expect(result.summary).toContain('Type the average number of recipients per email.');
  });

  it('unknown, with the reason, when the email status table is not found', async () => {
    const { api } = await scenario('unknownLayout');
    const result = await api.readRecipients(DEMO_PROFILE_ID);
    expect(result).toMatchObject({ known: false, reason: expect.stringContaining('no OSSYS_EMAIL') });
    expect(result.emails).toBeUndefined();
    expect(result.recipients).toBeUndefined();
  });

  it('counts the emails alone, and says why, when this login may not read OSSYS_EMAIL', async () => {
    const { dataDir } = await scenario('quota');
    const api = createProbeApi(
      deps(dataDir),
      demoSource(dataDir, NOW, (c) => denyTable(c, 'OSSYS_EMAIL')),
    );
    const result = await api.readRecipients(DEMO_PROFILE_ID);
    expect(result).toMatchObject({ known: true, recipients: null, reason: 'this login may not read OSSYS_EMAIL (permission denied)' });
    expect(result.emails!).toBeGreaterThanOrEqual(1400);
    expect(result.evidence!.recipientColumns).toEqual(['TO', 'CC', 'BCC']);
  });

  it('a query that times out stops the probe with a timeout, not a silent "unknown"', async () => {
    const { dataDir } = await scenario('quota');
    const api = createProbeApi(
      deps(dataDir),
      demoSource(dataDir, NOW, (c) => timeOut(c, /SUM\(R\)/)),
    );
    await expect(api.readRecipients(DEMO_PROFILE_ID)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('recognises recipient columns under the names a platform may give them, one per kind', () => {
    expect(recipientColumnsOf(['ID', 'TO_ADDRESS', 'CC', 'REPLY_TO', 'BCC_LIST', 'SUBJECT', 'FROM'])).toEqual(['TO_ADDRESS', 'CC', 'BCC_LIST']);
    expect(recipientColumnsOf(['TO', 'TO_ADDRESSES', 'EMAIL_CC'])).toEqual(['TO', 'EMAIL_CC']);
    expect(recipientColumnsOf(['ID', 'RECIPIENTS', 'RECIPIENT_COUNT'])).toEqual(['RECIPIENTS']);
    expect(recipientColumnsOf(['ID', 'SUBJECT', 'TOTAL', 'CONTENT'])).toEqual([]);
  });

  it('counts separators in SQL per dialect, bounded by a row cap, columns quoted', () => {
    const joined = recipientsSql('OSSYS_EMAIL_STATUS', ['TO', 'CC'], 'email');
    expect(joined.sqlserver).toMatch(
      /^SELECT COUNT\(\*\) AS N, SUM\(R\) AS RECIPIENTS FROM \(SELECT TOP \(@cap\) \(.+\) AS R FROM OSSYS_EMAIL_STATUS s JOIN OSSYS_EMAIL e ON e\.ID = s\.EMAIL_ID WHERE s\.SENT >= CONVERT\(datetime, @since, 126\) ORDER BY s\.SENT DESC\) q$/,
    );
    expect(joined.sqlserver).toContain("LEN(REPLACE(CAST(e.[TO] AS nvarchar(max)), ';', ''))");
    expect(joined.sqlserver).toContain("LEN(REPLACE(CAST(e.[CC] AS nvarchar(max)), ',', ''))");
    expect(joined.oracle).toContain(`REGEXP_COUNT(e."TO", '[;,]')`);
    expect(joined.oracle).toMatch(/FETCH FIRST :cap ROWS ONLY\) q$/);
    expect(joined.demo).toContain(`LENGTH(REPLACE(e."TO", ';', ''))`);
    expect(joined.demo).toMatch(/LIMIT :cap\) q$/);
    for (const engine of ENGINES) expect(placeholders(joined[engine], engine === 'sqlserver' ? '@' : ':')).toEqual(['cap', 'since']);
    expect(recipientsSql('OSSYS_EMAIL', ['TO'], 'status').demo).toContain('FROM OSSYS_EMAIL s WHERE');
    expect(recipientsSql('OSSYS_EMAIL_STATUS', ['TO'], null).demo).toBe(
      'SELECT COUNT(*) AS N, NULL AS RECIPIENTS FROM (SELECT s.SENT FROM OSSYS_EMAIL_STATUS s WHERE s.SENT >= :since ORDER BY s.SENT DESC LIMIT :cap) q',
    );
    expect(() => recipientsSql('OSSYS_EMAIL_STATUS', ['TO; DROP TABLE X'], 'email')).toThrow();
    expect(RECIPIENTS_ROW_CAP).toBe(20_000);
  });
});
