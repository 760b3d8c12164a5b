import type { Plan, PlanChange } from '../../capacity/types';
import type { PlanInstruction } from '../../wizard/types';
import { THREADS_PARAMETER } from './facts';

/**
 * Exact steps for each change of a plan: the Factory Configuration or Service Center path and
 * value, and the equivalent SQL (SQL Server and Oracle alike: OSSYS_PARAMETER, VAL is text).
 */

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

function instruction(change: PlanChange): PlanInstruction {
  const to = String(change.to ?? '');
  switch (change.kind) {
    case 'set-global-threads':
      return {
        text: `Set ${THREADS_PARAMETER} to ${to} (now ${String(change.from ?? 'unknown')}) and press Apply.`,
        where: 'Factory Configuration > Platform Configurations',
        sql: `UPDATE OSSYS_PARAMETER SET VAL = ${quote(to)} WHERE NAME = ${quote(THREADS_PARAMETER)} AND HOST IS NULL;`,
      };
    case 'set-host-threads':
      return {
        text: `Set the ${change.server} row of ${THREADS_PARAMETER} to ${to} (now ${String(change.from ?? 'unknown')}).`,
        sql: `UPDATE OSSYS_PARAMETER SET VAL = ${quote(to)} WHERE NAME = ${quote(THREADS_PARAMETER)} AND HOST = ${quote(change.server ?? '')};`,
      };
    case 'remove-host-override':
      return {
        text: `Remove the ${change.server} row of ${THREADS_PARAMETER} so the global value applies there.`,
        sql: `DELETE FROM OSSYS_PARAMETER WHERE NAME = ${quote(THREADS_PARAMETER)} AND HOST = ${quote(change.server ?? '')};`,
      };
    case 'disable-email':
      return {
        text: `Switch off "Send Emails" on ${change.server} and save.`,
        where: `Service Center > Administration > Servers > ${change.server}`,
      };
  }
}

export function planInstructions(plan: Plan, frontEnds: string[]): PlanInstruction[] {
  return [
    ...plan.changes.map(instruction),
    {
      text: `Restart the Scheduler Service on every front-end${frontEnds.length ? ` (${frontEnds.join(', ')})` : ''}: Windows service "OutSystems Scheduler Service"; on OutSystems Cloud, LifeTime > the environment > Restart Services.`,
    },
  ];
}
