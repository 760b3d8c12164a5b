import type { Plan, PlanChange } from '../../capacity/types';
import type { PlanInstruction } from '../../wizard/playbook';
import { THREADS_PARAMETER } from './facts';

/**
 * Exact steps for each change of a plan: the Factory Configuration or Service Center path and
 * value, and the equivalent SQL for the engine of the environment (OSSYS_PARAMETER, VAL is text;
 * names compared with LOWER(NAME), as Oracle compares case-sensitively: domain.md 3).
 */

/** The engine the hand-run SQL is written for; 'manual' (or the demo) prints both dialects. */
export type SqlEngine = 'sqlserver' | 'oracle' | 'demo' | 'manual';

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const nameIs = `LOWER(NAME) = ${quote(THREADS_PARAMETER.toLowerCase())}`;

/**
 * The global row's HOST is NULL or '' on SQL Server, and only NULL on Oracle, which stores '' as
 * NULL (domain.md 4d): a statement that covers one form only can change nothing. The app's own
 * Apply (electron/services/probes/sql/apply.ts) uses the same conditions.
 */
const GLOBAL_ROW: Record<'sqlserver' | 'oracle', string> = { sqlserver: "(HOST IS NULL OR HOST = '')", oracle: 'HOST IS NULL' };

function globalUpdate(engine: 'sqlserver' | 'oracle', to: string): string {
  const update = `UPDATE OSSYS_PARAMETER SET VAL = ${quote(to)} WHERE ${nameIs} AND ${GLOBAL_ROW[engine]};`;
  return engine === 'sqlserver'
    ? ['BEGIN TRANSACTION;', update, '-- Exactly "(1 row affected)": COMMIT; anything else: ROLLBACK.', 'COMMIT;'].join('\n')
    : [update, '-- Exactly "1 row updated.": COMMIT; anything else: ROLLBACK.', 'COMMIT;'].join('\n');
}

function globalSql(engine: SqlEngine, to: string): string {
  if (engine === 'sqlserver' || engine === 'oracle') return globalUpdate(engine, to);
  return ['-- SQL Server:', globalUpdate('sqlserver', to), '', '-- Oracle:', globalUpdate('oracle', to)].join('\n');
}

const ONE_ROW =
  'Run the statement by hand only if Factory Configuration is not available, and check that exactly one row changed before you commit. ' +
  'No row: the parameter has no global row, so the value comes from the platform default; roll back and set it in Factory Configuration instead. ' +
  `More than one: roll back and read the rows (SELECT NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE ${nameIs}) before changing anything.`;

function instruction(change: PlanChange, engine: SqlEngine): PlanInstruction {
  const to = String(change.to ?? '');
  switch (change.kind) {
    case 'set-global-threads':
      return {
        text: `Set ${THREADS_PARAMETER} to ${to} (now ${String(change.from ?? 'unknown')}) and press Apply. ${ONE_ROW}`,
        where: 'Factory Configuration > Platform Configurations',
        sql: globalSql(engine, to),
      };
    case 'set-host-threads':
      return {
        text: `Set the ${change.server} row of ${THREADS_PARAMETER} to ${to} (now ${String(change.from ?? 'unknown')}).`,
        sql: `UPDATE OSSYS_PARAMETER SET VAL = ${quote(to)} WHERE ${nameIs} AND HOST = ${quote(change.server ?? '')};`,
      };
    case 'remove-host-override':
      return {
        text: `Remove the ${change.server} row of ${THREADS_PARAMETER} so the global value applies there.`,
        sql: `DELETE FROM OSSYS_PARAMETER WHERE ${nameIs} AND HOST = ${quote(change.server ?? '')};`,
      };
    case 'disable-email':
      return {
        text: `Switch off "Send Emails" on ${change.server} and save.`,
        where: `Service Center > Administration > Servers > ${change.server}`,
      };
    case 'move-to-mailbox':
      return {
        text: `Send ${change.environment}'s emails through ${(change.mailbox ?? 'New mailbox').replace(/^New /, 'a new ')}: create it in Exchange Online (SMTP AUTH allowed) if it does not exist yet, then set it in ${change.environment}'s email settings.`,
        where: `Service Center of ${change.environment} > Administration > Email`,
      };
  }
}

export function planInstructions(plan: Plan, frontEnds: string[], engine: SqlEngine = 'manual'): PlanInstruction[] {
  return [
    ...plan.changes.map((change) => instruction(change, engine)),
    {
      text: `Restart the Scheduler Service on every front-end${frontEnds.length ? ` (${frontEnds.join(', ')})` : ''}: Windows service "OutSystems Scheduler Service"; on OutSystems Cloud, LifeTime > the environment > Restart Services.`,
    },
  ];
}
