import { describe, expect, it } from 'vitest';
import { DEMO_PROFILE_ID, openDemoConnection } from '../../electron/services/demo/connect';
import { scenarioSeeds } from '../../electron/services/demo/seeds';
import { emailQueueSql, emailsSentSql } from '../../electron/services/probes/sql/email-queue';
import { recipientsSql } from '../../electron/services/probes/sql/recipients';
import { demoProbesAt } from '../support/demo-probes';

/**
 * The status table's join to OSSYS_EMAIL is found from its columns (domain.md 4d: EMAIL_ID or ID),
 * said in the evidence, and capped reads keep the newest rows.
 */
const NOW = new Date('2026-12-02T15:00:00.000Z');
const seeded = demoProbesAt(NOW, 'st-email-join-');

function demo(statusKey: 'EMAIL_ID' | 'ID') {
  return seeded((now) => {
    const s = scenarioSeeds.quota(now);
    return { ...s, layout: { ...s.layout, statusKey } };
  });
}

describe('the email status join key', () => {
  it('joins by EMAIL_ID when the status table has it, and says so', async () => {
    const { api } = await demo('EMAIL_ID');
    const result = await api.readRecipients(DEMO_PROFILE_ID);
    expect(result.recipients).toBeGreaterThan(10_000);
    expect(result.summary).toContain('joined by OSSYS_EMAIL_STATUS.EMAIL_ID = OSSYS_EMAIL.ID)');
    expect((await api.readEmailQueue(DEMO_PROFILE_ID)).summary).toContain('joined by OSSYS_EMAIL_STATUS.EMAIL_ID = OSSYS_EMAIL.ID');
  });

  it('falls back to ID when the status table has no EMAIL_ID: the same counts, and the evidence names the key', async () => {
    const byEmailId = await (await demo('EMAIL_ID')).api.readRecipients(DEMO_PROFILE_ID);
    const { api } = await demo('ID');
    const result = await api.readRecipients(DEMO_PROFILE_ID);
    expect(result).toMatchObject({ known: true, emails: byEmailId.emails, recipients: byEmailId.recipients });
    expect(result.summary).toContain('joined by OSSYS_EMAIL_STATUS.ID = OSSYS_EMAIL.ID (OSSYS_EMAIL_STATUS has no EMAIL_ID column)');
    const queue = await api.readEmailQueue(DEMO_PROFILE_ID);
    // The creation time on OSSYS_EMAIL is reached through ID, so abandoned mail is told from retried mail.
    expect(queue).toMatchObject({ known: true, windowDays: 14 });
    expect(queue.abandoned).toBeTypeOf('number');
    expect(queue.summary).toContain('joined by OSSYS_EMAIL_STATUS.ID = OSSYS_EMAIL.ID');
  });
});

describe('capped reads keep the newest rows', () => {
  it('orders every capped subquery newest first, in each dialect', () => {
    expect(emailsSentSql('OSSYS_EMAIL_STATUS').oracle).toContain('ORDER BY s.SENT DESC FETCH FIRST :cap ROWS ONLY');
    expect(emailsSentSql('OSSYS_EMAIL_STATUS').sqlserver).toMatch(/SELECT TOP \(@cap\) s\.SENT .* ORDER BY s\.SENT DESC\) q$/);
    expect(emailQueueSql('OSSYS_EMAIL_STATUS', 'email').demo).toContain('ORDER BY e.CREATED DESC LIMIT :cap');
    expect(emailQueueSql('OSSYS_EMAIL_STATUS', null, 'ID').sqlserver).toContain('ORDER BY s.ID DESC');
    expect(recipientsSql('OSSYS_EMAIL_STATUS', ['TO'], 'email', 'ID').oracle).toContain('JOIN OSSYS_EMAIL e ON e.ID = s.ID WHERE');
    expect(recipientsSql('OSSYS_EMAIL_STATUS', ['TO'], 'email').oracle).toContain('ORDER BY s.SENT DESC FETCH FIRST :cap ROWS ONLY');
  });

  it('a cap of 5 sums the recipients of the 5 emails sent last', async () => {
    const { dataDir } = await demo('EMAIL_ID');
    const conn = await openDemoConnection(dataDir);
    const rows = await conn.query<{ SENT: string; T: string | null; C: string | null; B: string | null }>(
      `SELECT s.SENT, e."TO" AS T, e.CC AS C, e.BCC AS B FROM OSSYS_EMAIL_STATUS s JOIN OSSYS_EMAIL e ON e.ID = s.EMAIL_ID WHERE s.SENT >= :since`,
      { since: '2026-12-01 15:00:00.000' },
    );
    const inList = (list: string | null) => (list ?? '').split(/[;,]/).filter((a) => a.trim() !== '').length;
    const newest = [...rows].sort((a, b) => b.SENT.localeCompare(a.SENT));
    // No tie at the cut, so "the newest 5" is one set of emails.
    expect(newest[4]!.SENT).not.toBe(newest[5]!.SENT);
    const expected = newest.slice(0, 5).reduce((n, r) => n + inList(r.T) + inList(r.C) + inList(r.B), 0);
    const [row] = await conn.query<{ N: number; RECIPIENTS: number }>(recipientsSql('OSSYS_EMAIL_STATUS', ['TO', 'CC', 'BCC'], 'email').demo, {
      since: '2026-12-01 15:00:00.000',
      cap: 5,
    });
    expect(row).toEqual({ N: 5, RECIPIENTS: expected });
  });
});
