import type { EngineSql } from './engine-sql';

export type LogView = 'OSLOG_ERROR' | 'OSLOG_ERROR_PREVIOUS';

/**
 * Candidate 432 rows of one log view: bounded by the INSTANT window (the log's only useful index),
 * a cheap LIKE prefilter (`like1`, `like2`, lower case) and a row cap, newest first. The exact
 * matcher (shared/incidents/concurrency-error.ts) then runs in code on what comes back.
 */
export function errorCandidatesSql(view: LogView): EngineSql {
  return {
    sqlserver: `SELECT TOP (@cap) ID, INSTANT, SERVER, MESSAGE FROM ${view}
      WHERE INSTANT >= @since AND INSTANT < @until AND (LOWER(MESSAGE) LIKE @like1 OR LOWER(MESSAGE) LIKE @like2)
      ORDER BY INSTANT DESC`,
    oracle: `SELECT ID, INSTANT, SERVER, MESSAGE FROM ${view}
      WHERE INSTANT >= :since AND INSTANT < :until AND (LOWER(MESSAGE) LIKE :like1 OR LOWER(MESSAGE) LIKE :like2)
      ORDER BY INSTANT DESC FETCH FIRST :cap ROWS ONLY`,
    demo: `SELECT ID, INSTANT, SERVER, MESSAGE FROM ${view}
      WHERE INSTANT >= :since AND INSTANT < :until AND (LOWER(MESSAGE) LIKE :like1 OR LOWER(MESSAGE) LIKE :like2)
      ORDER BY INSTANT DESC LIMIT :cap`,
  };
}
