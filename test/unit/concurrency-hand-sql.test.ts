import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/capacity/types';
import { concurrencyPlaybook } from '../../shared/playbooks/concurrency';
import { planInstructions } from '../../shared/playbooks/concurrency/instructions';

/** One global change, as the capacity engine plans it for 2 servers x 2 threads. */
const plan = {
  id: 'p',
  title: '2 servers x 1 thread',
  changes: [{ kind: 'set-global-threads', environment: 'PRD', parameter: 'Scheduler.NumberOfThreadsForEmails', from: 2, to: 1, description: 'threads 2 -> 1' }],
} as unknown as Plan;

const globalStep = (engine: Parameters<typeof planInstructions>[2]) => planInstructions(plan, ['FE01', 'FE02'], engine)[0]!;

describe('the hand-run UPDATE of the global threads row, per engine (domain.md 4d)', () => {
  it("SQL Server covers a global row whose HOST is NULL or ''", () => {
    const { sql } = globalStep('sqlserver');
    expect(sql).toContain("UPDATE OSSYS_PARAMETER SET VAL = '1' WHERE LOWER(NAME) = 'scheduler.numberofthreadsforemails' AND (HOST IS NULL OR HOST = '');");
    expect(sql).toContain('BEGIN TRANSACTION;');
    expect(sql).toContain('Exactly "(1 row affected)": COMMIT; anything else: ROLLBACK.');
    expect(sql).not.toContain('Oracle');
  });

  it("Oracle compares HOST with NULL only, since it stores '' as NULL", () => {
    const { sql } = globalStep('oracle');
    expect(sql).toContain("UPDATE OSSYS_PARAMETER SET VAL = '1' WHERE LOWER(NAME) = 'scheduler.numberofthreadsforemails' AND HOST IS NULL;");
    expect(sql).not.toContain("HOST = ''");
    expect(sql).toContain('Exactly "1 row updated.": COMMIT; anything else: ROLLBACK.');
  });

  it('says to check that exactly one row changed, and what to do with none or more', () => {
    const { text } = globalStep('sqlserver');
    expect(text).toContain('check that exactly one row changed before you commit');
    expect(text).toMatch(/No row: .*roll back and set it in Factory Configuration instead/);
    expect(text).toMatch(/More than one: roll back and read the rows/);
  });
});

describe('the restart step', () => {
  it("gives the support article's instruction, not a claim about when the Scheduler reads the value", () => {
    const restart = concurrencyPlaybook.steps.find((s) => s.id === 'restart')!;
    const guidance = restart.guidance(undefined as never);
    expect(guidance).toMatch(/^As the support article \(IM-2795\) instructs, restart the Scheduler Service on every front-end after the change/);
    expect(guidance).not.toContain('reads the threads value when it starts');
  });
});
