import { describe, expect, it } from 'vitest';
import { THREADS_PARAMETER } from '../../shared/capacity/providers';
import { CONCURRENCY_ERROR_LIKE_PATTERNS } from '../../shared/incidents/concurrency-matchers';
import { createSeededDatabase } from '../../electron/services/demo/connect';
import { incidentSeed } from '../../electron/services/demo/scenarios/concurrency';
import type { DbEngine } from '../../electron/services/db/types';
import { parameterUpdate } from '../../electron/services/probes/apply-parameter';
import { ERROR_ROW_CAP, errorQueryParams, errorWindow } from '../../electron/services/probes/read-errors';
import { lockGlobalParameterSql, readGlobalParameterSql, updateGlobalParameterSql } from '../../electron/services/probes/sql/apply';
import { safeIdentifier, type EngineSql } from '../../electron/services/probes/sql/engine-sql';
import { clockSql } from '../../electron/services/probes/sql/clock';
import { emailQueueSql, emailsSentSql } from '../../electron/services/probes/sql/email-queue';
import { errorCandidatesSql } from '../../electron/services/probes/sql/errors';
import { candidateColumnsSql, oraclePlatformOwnerSql } from '../../electron/services/probes/sql/introspect';
import { mailParameterNamesSql, sendEmailsHostRowsSql, serverZonesSql, serversSql } from '../../electron/services/probes/sql/servers';
import { recipientsSql } from '../../electron/services/probes/sql/recipients';
import { readParameterSql } from '../../electron/services/probes/sql/threads';

/**
 * The statements of every probe for every engine: parameter style, bounds and the read-only rule.
 * The demo texts also run for real in probe-suite.test.ts; the SQL Server and Oracle texts run in
 * probe-real-servers.test.ts when a server is configured.
 */
const ENGINES: DbEngine[] = ['sqlserver', 'oracle', 'demo'];
const statements: Record<string, EngineSql> = {
  threads: readParameterSql,
  columns: candidateColumnsSql,
  servers: serversSql('SEND_EMAILS'),
  serversWithoutSendColumn: serversSql(null),
  zones: serverZonesSql,
  sendEmailsHostRows: sendEmailsHostRowsSql,
  errorsCurrent: errorCandidatesSql('OSLOG_ERROR'),
  errorsPrevious: errorCandidatesSql('OSLOG_ERROR_PREVIOUS'),
  errorsNinePatterns: errorCandidatesSql('OSLOG_ERROR', 9),
  errorsSixteenPatterns: errorCandidatesSql('OSLOG_ERROR_PREVIOUS', 16),
  recipientsJoined: recipientsSql('OSSYS_EMAIL_STATUS', ['TO', 'CC', 'BCC'], 'email'),
  recipientsOnEmail: recipientsSql('OSSYS_EMAIL', ['TO_ADDRESS'], 'status'),
  recipientsNone: recipientsSql('OSSYS_EMAIL_STATUS', [], null),
  emailQueue: emailQueueSql('OSSYS_EMAIL_STATUS', 'email'),
  emailQueueCreatedOnStatus: emailQueueSql('OSSYS_EMAIL_STATUS', 'status'),
  emailQueueNoCreationTime: emailQueueSql('OSSYS_EMAIL_STATUS', null),
  emailsSent: emailsSentSql('OSSYS_EMAIL_STATUS'),
  clock: clockSql,
  mailParameterNames: mailParameterNamesSql,
  lockThreads: lockGlobalParameterSql,
  updateThreads: updateGlobalParameterSql,
  readBackThreads: readGlobalParameterSql,
};

function placeholders(sql: string, prefix: '@' | ':'): string[] {
  const pattern = prefix === '@' ? /(?<![@\w])@(\w+)/g : /(?<![:\w]):(\w+)/g;
  return [...new Set([...sql.matchAll(pattern)].map((m) => m[1]!))].sort();
}

/** String literals in a statement: only fixed table names and '' may appear, never a value. */
function literals(sql: string): string[] {
  return [...sql.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}
const ALLOWED_LITERALS = new Set([
  'OSSYS_SERVER',
  'OSSYS_ZONE',
  'OSSYS_ZONE_SERVER',
  'OSSYS[_]EMAIL%',
  'OSSYS\\_EMAIL%',
  '\\',
  'USERENV',
  'CURRENT_SCHEMA',
  'table',
  'view',
  '',
  // Fixed formats of database-local times (sql/engine-sql.ts localTimeParam / localTimeColumn).
  'YYYY-MM-DD"T"HH24:MI:SS',
  'YYYY-MM-DD"T"HH24:MI:SS.FF3',
  // Fixed address separators the recipients count looks for (sql/recipients.ts).
  ';',
  ',',
  '[;,]',
]);

describe.each(Object.entries(statements))('%s statement', (_name, sql) => {
  it('uses each engine’s own placeholders and no other', () => {
    expect(placeholders(sql.sqlserver, ':')).toEqual([]);
    expect(placeholders(sql.oracle, '@')).toEqual([]);
    expect(placeholders(sql.demo, '@')).toEqual([]);
    // The three dialects take the same parameters.
    expect(placeholders(sql.oracle, ':')).toEqual(placeholders(sql.sqlserver, '@'));
    expect(placeholders(sql.demo, ':')).toEqual(placeholders(sql.sqlserver, '@'));
  });

  it('carries no value in its text', () => {
    for (const engine of ENGINES) for (const literal of literals(sql[engine])) expect(ALLOWED_LITERALS).toContain(literal);
  });
});

describe('bounds', () => {
  it('every read of a table that can grow has a row cap in each dialect', () => {
    for (const name of [
      'threads',
      'servers',
      'zones',
      'sendEmailsHostRows',
      'errorsCurrent',
      'errorsPrevious',
      'errorsNinePatterns',
      'errorsSixteenPatterns',
      'mailParameterNames',
    ] as const) {
      expect(statements[name]!.sqlserver).toMatch(/SELECT TOP \(@cap\)/);
      expect(statements[name]!.oracle).toMatch(/FETCH FIRST :cap ROWS ONLY$/);
      expect(statements[name]!.demo).toMatch(/LIMIT :cap$/);
    }
  });

  it('the recipients count reads a bounded subquery of the emails sent in the window', () => {
    for (const name of ['recipientsJoined', 'recipientsOnEmail', 'recipientsNone'] as const) {
      expect(statements[name]!.sqlserver).toMatch(
        /^SELECT COUNT\(\*\) AS N, .+ FROM \(SELECT TOP \(@cap\) .+ WHERE s\.SENT >= CONVERT\(datetime, @since, 126\) ORDER BY s\.SENT DESC\) q$/s,
      );
      expect(statements[name]!.oracle).toMatch(/WHERE s\.SENT >= TO_TIMESTAMP\(:since, 'YYYY-MM-DD"T"HH24:MI:SS\.FF3'\)/);
      expect(statements[name]!.demo).toMatch(/WHERE s\.SENT >= :since ORDER BY s\.SENT DESC LIMIT :cap\) q$/);
    }
  });

  it('the email counts read a bounded subquery: rows created in the window, at most :cap of them', () => {
    const sql = emailQueueSql('OSSYS_EMAIL_STATUS', 'email');
    expect(sql.sqlserver).toMatch(/FROM \(SELECT TOP \(@cap\) .+ WHERE e\.CREATED >= CONVERT\(datetime, @windowStart, 126\) ORDER BY e\.CREATED DESC\) q$/s);
    expect(sql.oracle).toMatch(/WHERE e\.CREATED >= TO_TIMESTAMP\(:windowStart, 'YYYY-MM-DD"T"HH24:MI:SS\.FF3'\)/);
    expect(sql.demo).toMatch(/WHERE e\.CREATED >= :windowStart ORDER BY e\.CREATED DESC LIMIT :cap\) q$/);
    for (const engine of ENGINES) {
      expect(sql[engine]).toContain('JOIN OSSYS_EMAIL e ON e.ID = s.EMAIL_ID');
      expect(sql[engine]).toMatch(/AS ABANDONED/);
      expect(emailsSentSql('OSSYS_EMAIL_STATUS')[engine]).toMatch(
        /^SELECT COUNT\(\*\) AS N FROM \(SELECT .*s\.SENT .*FROM OSSYS_EMAIL_STATUS s WHERE s\.SENT >= /,
      );
    }
    // Without a creation time there is no window and no telling abandoned from retrying.
    expect(emailQueueSql('OSSYS_EMAIL_STATUS', null).sqlserver).toContain('NULL AS ABANDONED');
    expect(placeholders(emailQueueSql('OSSYS_EMAIL_STATUS', null).sqlserver, '@')).toEqual(['cap', 'nullDateLimit', 'since24h']);
  });

  it('the 432 search is bounded by INSTANT on both sides, in database-local time, and keeps the newest rows', () => {
    for (const view of ['OSLOG_ERROR', 'OSLOG_ERROR_PREVIOUS'] as const) {
      const sql = errorCandidatesSql(view);
      expect(sql.sqlserver).toContain('INSTANT >= CONVERT(datetime, @since, 126) AND INSTANT < CONVERT(datetime, @until, 126)');
      // INSTANT is a TIMESTAMP with fractional seconds: a whole-second window would drop the first second's events.
      expect(sql.oracle).toContain(
        `INSTANT >= TO_TIMESTAMP(:since, 'YYYY-MM-DD"T"HH24:MI:SS.FF3') AND INSTANT < TO_TIMESTAMP(:until, 'YYYY-MM-DD"T"HH24:MI:SS.FF3')`,
      );
      expect(sql.demo).toContain('INSTANT >= :since AND INSTANT < :until');
      // INSTANT comes back as local text, so no driver shifts it by a zone of its own.
      expect(sql.sqlserver).toContain('CONVERT(varchar(23), INSTANT, 126) AS LOCAL_INSTANT');
      expect(sql.oracle).toContain(`TO_CHAR(CAST(INSTANT AS TIMESTAMP), 'YYYY-MM-DD"T"HH24:MI:SS.FF3') AS LOCAL_INSTANT`);
      expect(sql.oracle).not.toContain('TO_DATE');
      for (const engine of ENGINES) expect(sql[engine]).toContain('ORDER BY INSTANT DESC');
    }
    const params = errorQueryParams('2025-03-07T07:00:00.000', '2025-03-14T07:00:00.000', ERROR_ROW_CAP, CONCURRENCY_ERROR_LIKE_PATTERNS);
    expect(params).toEqual({
      since: '2025-03-07T07:00:00.000',
      until: '2025-03-14T07:00:00.000',
      like1: CONCURRENCY_ERROR_LIKE_PATTERNS[0],
      like2: CONCURRENCY_ERROR_LIKE_PATTERNS[1],
      cap: ERROR_ROW_CAP,
    });
    expect(Object.keys(params).sort()).toEqual(placeholders(errorCandidatesSql('OSLOG_ERROR').sqlserver, '@'));
  });

  it('the window defaults to the last 7 days and is refused when empty or longer than the log keeps', () => {
    const now = new Date('2025-03-14T12:00:00Z');
    expect(errorWindow({}, now)).toEqual({ since: new Date('2025-03-07T12:00:00Z'), until: now });
    expect(errorWindow({ days: 2 }, now).since).toEqual(new Date('2025-03-12T12:00:00Z'));
    expect(() => errorWindow({ since: '2025-03-14T12:00:00Z' }, now)).toThrow('start before it ends');
    expect(() => errorWindow({ days: 15 }, now)).toThrow(
      'The window can be at most 14 days: the two log views show this week and last week (the tables keep the retention period, up to 9 weeks)',
    );
  });

  it('the demo’s 432 search uses the INSTANT index instead of scanning the log', async () => {
    const now = new Date('2025-03-14T12:00:00Z');
    const db = await createSeededDatabase(incidentSeed(now), now);
    for (const view of ['OSLOG_ERROR', 'OSLOG_ERROR_PREVIOUS'] as const) {
      const plan = db.exec(`EXPLAIN QUERY PLAN ${errorCandidatesSql(view).demo}`, {
        ':since': '2025-03-07',
        ':until': '2025-03-14',
        ':like1': '%',
        ':like2': '%',
        ':cap': 10,
      });
      const details = plan[0]!.values.map((row) => String(row[3]));
      expect(details.join(' | ')).toMatch(/SEARCH OSLOG_ERROR_[01] USING INDEX IDX_OSLOG_ERROR_[01]_INSTANT \(INSTANT>\? AND INSTANT<\?\)/);
      expect(details.join(' | ')).not.toMatch(/\bSCAN OSLOG_ERROR/);
    }
    db.close();
  });
});

describe('engine specifics', () => {
  it('parameter names are compared in lower case (Oracle compares case-sensitively)', () => {
    expect(readParameterSql.sqlserver).toContain('LOWER(NAME) = @name');
    expect(readParameterSql.oracle).toContain('LOWER(NAME) = :name');
    expect(updateGlobalParameterSql.oracle).toContain('LOWER(NAME) = :name');
  });

  it('introspection reads each engine’s own catalog', () => {
    expect(candidateColumnsSql.sqlserver).toContain('INFORMATION_SCHEMA.COLUMNS');
    expect(candidateColumnsSql.oracle).toContain('ALL_TAB_COLUMNS');
    expect(candidateColumnsSql.oracle).toContain("OWNER = SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')");
  });

  it('SQL Server looks for columns in the schema OSSYS_SERVER resolves to, not the login’s default schema', () => {
    expect(candidateColumnsSql.sqlserver).toContain("TABLE_SCHEMA = OBJECT_SCHEMA_NAME(OBJECT_ID(N'OSSYS_SERVER'))");
    expect(candidateColumnsSql.sqlserver).not.toContain('SCHEMA_NAME()');
  });

  it('Oracle can tell "no platform schema set" from "no such table"', () => {
    expect(oraclePlatformOwnerSql).toContain("SYS_CONTEXT('USERENV', 'SESSION_USER')");
    expect(oraclePlatformOwnerSql).toContain("SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')");
    expect(oraclePlatformOwnerSql).toMatch(/FROM USER_TABLES WHERE TABLE_NAME LIKE 'OSSYS\\_%' ESCAPE '\\'/);
  });

  it('the database clock: local time as text and the offset in minutes, per dialect', () => {
    expect(clockSql.sqlserver).toContain('CONVERT(varchar(23), SYSDATETIME(), 126) AS LOCAL_NOW');
    expect(clockSql.sqlserver).toContain('DATEPART(TZOFFSET, SYSDATETIMEOFFSET()) AS OFFSET_MINUTES');
    expect(clockSql.oracle).toContain(`TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SS.FF3') AS LOCAL_NOW`);
    expect(clockSql.oracle).toContain('LOCALTIMESTAMP');
    expect(clockSql.oracle).toContain('EXTRACT(TIMEZONE_HOUR FROM SYSTIMESTAMP) * 60 + EXTRACT(TIMEZONE_MINUTE FROM SYSTIMESTAMP) AS OFFSET_MINUTES');
    expect(clockSql.demo).toContain('FROM DEMO_CLOCK');
  });

  it('Apply locks the row it checks, in each dialect', () => {
    expect(lockGlobalParameterSql.sqlserver).toContain('WITH (UPDLOCK, HOLDLOCK)');
    expect(lockGlobalParameterSql.oracle).toMatch(/FOR UPDATE$/);
  });

  it('the update re-checks the value it replaces and names it only as a parameter', () => {
    for (const engine of ENGINES) {
      const preview = parameterUpdate(engine, THREADS_PARAMETER, '2', '1');
      expect(preview.statement).toBe(updateGlobalParameterSql[engine]);
      expect(preview.parameters).toEqual({ newValue: '1', name: 'scheduler.numberofthreadsforemails', expected: '2' });
      expect(preview.statement).not.toContain("'2'");
      expect(preview.statement).toMatch(/AND VAL = [@:]expected$/);
    }
  });

  it('text that looks like SQL stays a parameter value', () => {
    const preview = parameterUpdate('sqlserver', THREADS_PARAMETER, "2'; DROP TABLE OSSYS_PARAMETER; --", '1');
    expect(preview.statement).toBe(updateGlobalParameterSql.sqlserver);
    expect(preview.parameters.expected).toBe("2'; DROP TABLE OSSYS_PARAMETER; --");
  });

  it('only upper-case identifiers from the allow-lists can be spliced in', () => {
    expect(safeIdentifier('OSSYS_EMAIL_STATUS')).toBe('OSSYS_EMAIL_STATUS');
    expect(() => safeIdentifier('OSSYS_EMAIL; DROP TABLE X')).toThrow();
    expect(() => emailQueueSql('x', 'email')).toThrow();
    expect(() => emailsSentSql('OSSYS_EMAIL; --')).toThrow();
    expect(() => serversSql('SEND EMAILS')).toThrow();
  });
});
