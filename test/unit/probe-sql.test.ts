import { describe, expect, it } from 'vitest';
import { CONCURRENCY_ERROR_LIKE_PATTERNS } from '../../shared/incidents/concurrency-error';
import { createSeededDatabase } from '../../electron/services/demo/connect';
import { incidentSeed } from '../../electron/services/demo/seeds';
import type { DbEngine } from '../../electron/services/db/types';
import { threadsUpdate } from '../../electron/services/probes/apply-threads';
import { ERROR_ROW_CAP, errorQueryParams, errorWindow } from '../../electron/services/probes/read-errors';
import { lockGlobalThreadsSql, readGlobalThreadsSql, updateGlobalThreadsSql } from '../../electron/services/probes/sql/apply';
import { safeIdentifier, type EngineSql } from '../../electron/services/probes/sql/engine-sql';
import { emailQueueSql } from '../../electron/services/probes/sql/email-queue';
import { errorCandidatesSql } from '../../electron/services/probes/sql/errors';
import { candidateColumnsSql } from '../../electron/services/probes/sql/introspect';
import { sendEmailsHostRowsSql, serverZonesSql, serversSql } from '../../electron/services/probes/sql/servers';
import { readThreadsSql } from '../../electron/services/probes/sql/threads';

/**
 * The statements of every probe for every engine: parameter style, bounds and the read-only rule.
 * The demo texts also run for real in probe-suite.test.ts; the SQL Server and Oracle texts run in
 * probe-real-servers.test.ts when a server is configured.
 */
const ENGINES: DbEngine[] = ['sqlserver', 'oracle', 'demo'];
const statements: Record<string, EngineSql> = {
  threads: readThreadsSql,
  columns: candidateColumnsSql,
  servers: serversSql('SEND_EMAILS'),
  serversWithoutSendColumn: serversSql(null),
  zones: serverZonesSql,
  sendEmailsHostRows: sendEmailsHostRowsSql,
  errorsCurrent: errorCandidatesSql('OSLOG_ERROR'),
  errorsPrevious: errorCandidatesSql('OSLOG_ERROR_PREVIOUS'),
  emailQueue: emailQueueSql('OSSYS_EMAIL_STATUS'),
  lockThreads: lockGlobalThreadsSql,
  updateThreads: updateGlobalThreadsSql,
  readBackThreads: readGlobalThreadsSql,
};

function placeholders(sql: string, prefix: '@' | ':'): string[] {
  const pattern = prefix === '@' ? /(?<![@\w])@(\w+)/g : /(?<![:\w]):(\w+)/g;
  return [...new Set([...sql.matchAll(pattern)].map((m) => m[1]!))].sort();
}

/** String literals in a statement: only fixed table names and '' may appear, never a value. */
function literals(sql: string): string[] {
  return [...sql.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}
const ALLOWED_LITERALS = new Set(['OSSYS_SERVER', 'OSSYS_ZONE', 'OSSYS_ZONE_SERVER', 'OSSYS[_]EMAIL%', 'OSSYS\\_EMAIL%', '\\', 'USERENV', 'CURRENT_SCHEMA', 'table', 'view', '']);

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
    for (const name of ['threads', 'servers', 'zones', 'sendEmailsHostRows', 'errorsCurrent', 'errorsPrevious'] as const) {
      expect(statements[name]!.sqlserver).toMatch(/SELECT TOP \(@cap\)/);
      expect(statements[name]!.oracle).toMatch(/FETCH FIRST :cap ROWS ONLY$/);
      expect(statements[name]!.demo).toMatch(/LIMIT :cap$/);
    }
  });

  it('the 432 search is bounded by INSTANT on both sides and keeps the newest rows', () => {
    for (const view of ['OSLOG_ERROR', 'OSLOG_ERROR_PREVIOUS'] as const) {
      const sql = errorCandidatesSql(view);
      expect(sql.sqlserver).toContain('INSTANT >= @since AND INSTANT < @until');
      expect(sql.oracle).toContain('INSTANT >= :since AND INSTANT < :until');
      expect(sql.demo).toContain('INSTANT >= :since AND INSTANT < :until');
      for (const engine of ENGINES) expect(sql[engine]).toContain('ORDER BY INSTANT DESC');
    }
    const params = errorQueryParams(new Date('2025-03-07T12:00:00Z'), new Date('2025-03-14T12:00:00Z'));
    expect(params).toEqual({
      since: new Date('2025-03-07T12:00:00Z'),
      until: new Date('2025-03-14T12:00:00Z'),
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
    expect(() => errorWindow({ days: 15 }, now)).toThrow('at most 14 days');
  });

  it('the demo’s 432 search uses the INSTANT index instead of scanning the log', async () => {
    const now = new Date('2025-03-14T12:00:00Z');
    const db = await createSeededDatabase(incidentSeed(now), now);
    for (const view of ['OSLOG_ERROR', 'OSLOG_ERROR_PREVIOUS'] as const) {
      const plan = db.exec(`EXPLAIN QUERY PLAN ${errorCandidatesSql(view).demo}`, { ':since': '2025-03-07', ':until': '2025-03-14', ':like1': '%', ':like2': '%', ':cap': 10 });
      const details = plan[0]!.values.map((row) => String(row[3]));
      expect(details.join(' | ')).toMatch(/SEARCH OSLOG_ERROR_[01] USING INDEX IDX_OSLOG_ERROR_[01]_INSTANT \(INSTANT>\? AND INSTANT<\?\)/);
      expect(details.join(' | ')).not.toMatch(/\bSCAN OSLOG_ERROR/);
    }
    db.close();
  });
});

describe('engine specifics', () => {
  it('parameter names are compared in lower case (Oracle compares case-sensitively)', () => {
    expect(readThreadsSql.sqlserver).toContain('LOWER(NAME) = @name');
    expect(readThreadsSql.oracle).toContain('LOWER(NAME) = :name');
    expect(updateGlobalThreadsSql.oracle).toContain('LOWER(NAME) = :name');
  });

  it('introspection reads each engine’s own catalog', () => {
    expect(candidateColumnsSql.sqlserver).toContain('INFORMATION_SCHEMA.COLUMNS');
    expect(candidateColumnsSql.oracle).toContain('ALL_TAB_COLUMNS');
    expect(candidateColumnsSql.oracle).toContain("OWNER = SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')");
  });

  it('Apply locks the row it checks, in each dialect', () => {
    expect(lockGlobalThreadsSql.sqlserver).toContain('WITH (UPDLOCK, HOLDLOCK)');
    expect(lockGlobalThreadsSql.oracle).toMatch(/FOR UPDATE$/);
  });

  it('the update re-checks the value it replaces and names it only as a parameter', () => {
    for (const engine of ENGINES) {
      const preview = threadsUpdate(engine, '2', '1');
      expect(preview.statement).toBe(updateGlobalThreadsSql[engine]);
      expect(preview.parameters).toEqual({ newValue: '1', name: 'scheduler.numberofthreadsforemails', expected: '2' });
      expect(preview.statement).not.toContain("'2'");
      expect(preview.statement).toMatch(/AND VAL = [@:]expected$/);
    }
  });

  it('text that looks like SQL stays a parameter value', () => {
    const preview = threadsUpdate('sqlserver', "2'; DROP TABLE OSSYS_PARAMETER; --", '1');
    expect(preview.statement).toBe(updateGlobalThreadsSql.sqlserver);
    expect(preview.parameters.expected).toBe("2'; DROP TABLE OSSYS_PARAMETER; --");
  });

  it('only upper-case identifiers from the allow-lists can be spliced in', () => {
    expect(safeIdentifier('OSSYS_EMAIL_STATUS')).toBe('OSSYS_EMAIL_STATUS');
    expect(() => safeIdentifier('OSSYS_EMAIL; DROP TABLE X')).toThrow();
    expect(() => emailQueueSql('x')).toThrow();
    expect(() => serversSql('SEND EMAILS')).toThrow();
  });
});
