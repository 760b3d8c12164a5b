import { localTimeColumn, localTimeParam, type EngineSql } from './engine-sql';

export type LogView = 'OSLOG_ERROR' | 'OSLOG_ERROR_PREVIOUS';

/**
 * Candidate 432 rows of one log view: bounded by the INSTANT window (the log's only useful index),
 * a cheap LIKE prefilter (`like1`, `like2`, lower case) and a row cap, newest first. The exact
 * matcher (shared/incidents/concurrency-error.ts) then runs in code on what comes back.
 * `since` and `until` are database-local times (db-time.ts); INSTANT comes back as local text in
 * LOCAL_INSTANT.
 */
export function errorCandidatesSql(view: LogView): EngineSql {
  const where = (engine: 'sqlserver' | 'oracle' | 'demo', p: '@' | ':') =>
    `WHERE INSTANT >= ${localTimeParam(engine, 'since')} AND INSTANT < ${localTimeParam(engine, 'until')} AND (LOWER(MESSAGE) LIKE ${p}like1 OR LOWER(MESSAGE) LIKE ${p}like2)`;
  return {
    sqlserver: `SELECT TOP (@cap) ID, ${localTimeColumn('sqlserver', 'INSTANT')} AS LOCAL_INSTANT, SERVER, MESSAGE FROM ${view}
      ${where('sqlserver', '@')}
      ORDER BY INSTANT DESC`,
    oracle: `SELECT ID, ${localTimeColumn('oracle', 'INSTANT')} AS LOCAL_INSTANT, SERVER, MESSAGE FROM ${view}
      ${where('oracle', ':')}
      ORDER BY INSTANT DESC FETCH FIRST :cap ROWS ONLY`,
    demo: `SELECT ID, INSTANT AS LOCAL_INSTANT, SERVER, MESSAGE FROM ${view}
      ${where('demo', ':')}
      ORDER BY INSTANT DESC LIMIT :cap`,
  };
}
