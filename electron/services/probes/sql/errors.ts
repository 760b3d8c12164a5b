import { localTimeColumn, localTimeParam, type EngineSql } from './engine-sql';

export type LogView = 'OSLOG_ERROR' | 'OSLOG_ERROR_PREVIOUS';

/**
 * At most this many LIKE prefilters in one statement: every pattern is one more pass of LOWER(MESSAGE)
 * over the rows of the window, and a playbook's matchers need far fewer (the SMTP authentication
 * set has 9).
 */
export const MAX_LIKE_PATTERNS = 16;

/** `like1 ... likeN`: the parameter names of N LIKE prefilters. */
export function likeParamNames(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LIKE_PATTERNS) {
    throw new Error(`The error search takes 1 to ${MAX_LIKE_PATTERNS} LIKE patterns, not ${count}`);
  }
  return Array.from({ length: count }, (_, i) => `like${i + 1}`);
}

/**
 * Candidate rows of one log view: bounded by the INSTANT window (the log's only useful index),
 * a cheap LIKE prefilter (`like1` ... `like<patternCount>`, lower case, from the playbook's
 * matchers: shared/incidents/matcher.ts `likePatternsOf`) and a row cap, newest first. The exact
 * matchers then run in code on what comes back. `since` and `until` are database-local times
 * (db-time.ts); INSTANT comes back as local text in LOCAL_INSTANT. The default of 2 patterns is
 * the 432 concurrency error's prefilter.
 */
export function errorCandidatesSql(view: LogView, patternCount = 2): EngineSql {
  const names = likeParamNames(patternCount);
  const where = (engine: 'sqlserver' | 'oracle' | 'demo', p: '@' | ':') =>
    `WHERE INSTANT >= ${localTimeParam(engine, 'since')} AND INSTANT < ${localTimeParam(engine, 'until')} AND (${names.map((n) => `LOWER(MESSAGE) LIKE ${p}${n}`).join(' OR ')})`;
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
