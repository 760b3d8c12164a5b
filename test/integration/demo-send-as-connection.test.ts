import { afterAll, describe, expect, it } from 'vitest';
import { firstMatch } from '../../shared/incidents/matcher';
import { SEND_AS_MATCHERS } from '../../shared/incidents/send-as-matchers';
import { SMTP_CONNECTION_MATCHERS } from '../../shared/incidents/smtp-connection-matchers';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { DEMO_PROFILE_ID, forgetDemoDatabase, resetDemoDatabase } from '../../electron/services/demo/connect';
import { SEND_AS_DENIED_MESSAGE, SEND_AS_THROTTLED_MESSAGE, SMTP_TLS_LEGACY_MESSAGE, SMTP_TRANSPORT_CLOSED_MESSAGE } from '../../electron/services/demo/texts';
import { createProbeApi } from '../../electron/services/probes/service';
import type { DemoScenario } from '../../shared/probes/types';
import { removeDir, tempDataDir } from '../support/host';
import { demoSource } from '../support/probe-faults';
import { SEARCH_432 } from '../support/concurrency';

/**
 * The Send As and SMTP connection incidents on the demo (demo.reset { scenario }): each form in the
 * error log as the playbook's matchers count it, the queue that piled up, and the fix taking effect
 * as the queue sent with no new error.
 */
const NOW = new Date('2026-12-02T15:00:00.000Z');
const AT = new Date(NOW.getTime() - 10 * 60_000);
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

async function demo(scenario: DemoScenario) {
  const dataDir = tempDataDir('st-demo-new-playbooks-');
  dirs.push(dataDir);
  await resetDemoDatabase(dataDir, { now: () => NOW, utcOffsetMinutes: 60, scenario });
  return createProbeApi(deps(dataDir), demoSource(dataDir, NOW));
}

const SEND_AS = { matchers: SEND_AS_MATCHERS, errorName: 'Send As denial', days: 7 };
const CONNECTION = { matchers: SMTP_CONNECTION_MATCHERS, errorName: 'SMTP connection or TLS error', days: 7 };

describe('the demo texts are the playbooks’ own forms', () => {
  it('Send As denied and throttled; TLS 1.0/1.1 refused and the handshake closed', () => {
    expect(firstMatch(SEND_AS_MATCHERS, SEND_AS_DENIED_MESSAGE)?.variant).toBe('send-as-denied');
    expect(firstMatch(SEND_AS_MATCHERS, SEND_AS_THROTTLED_MESSAGE)?.variant).toBe('throttled');
    expect(firstMatch(SMTP_CONNECTION_MATCHERS, SMTP_TLS_LEGACY_MESSAGE)?.variant).toBe('tls-legacy');
    expect(firstMatch(SMTP_CONNECTION_MATCHERS, SMTP_TRANSPORT_CLOSED_MESSAGE)?.variant).toBe('transport-closed');
  });
});

describe('demo.reset with the Send As and SMTP connection scenarios', () => {
  it('send-as: 40 denials naming both addresses, then 25 throttled, the queue piling up', async () => {
    const api = await demo('send-as');
    const errors = await api.readErrors(DEMO_PROFILE_ID, SEND_AS);
    expect(errors.count).toBe(65);
    expect(errors.perVariant?.map((v) => [v.variant, v.count])).toEqual([
      ['send-as-denied', 40],
      ['throttled', 25],
    ]);
    expect(errors.samples.some((s) => s.message.includes('noreply@contoso.com not allowed to send as alerts@contoso.com'))).toBe(true);
    expect((await api.readErrors(DEMO_PROFILE_ID, SEARCH_432)).count).toBe(0);
    expect(await api.readEmailQueue(DEMO_PROFILE_ID)).toMatchObject({ known: true, failing: 45, pending: 10 });
  });

  it('smtp-connection: TLS 1.0/1.1 refused and handshakes closed, and the platform version to read', async () => {
    const api = await demo('smtp-connection');
    const errors = await api.readErrors(DEMO_PROFILE_ID, CONNECTION);
    expect(errors.perVariant?.map((v) => [v.variant, v.count])).toEqual([
      ['tls-legacy', 120],
      ['transport-closed', 20],
    ]);
    expect((await api.readErrors(DEMO_PROFILE_ID, SEND_AS)).count).toBe(0);
    expect((await api.readParameter(DEMO_PROFILE_ID, { name: 'version' })).rows[0]?.value).toBe('11.31.0');
    expect(await api.readEmailQueue(DEMO_PROFILE_ID)).toMatchObject({ known: true, failing: 50, pending: 12, sentLast24h: 0 });
  });

  it.each([
    ['send-as', SEND_AS, 55],
    ['smtp-connection', CONNECTION, 62],
  ] as const)('%s: once the fix took effect the queue is sent and no new error is logged', async (scenario, search, queued) => {
    const api = await demo(scenario);
    await api.fixTookEffect(DEMO_PROFILE_ID, AT.toISOString());
    expect((await api.readEmailsSent(DEMO_PROFILE_ID, { since: AT.toISOString() })).count).toBe(queued);
    expect((await api.readErrors(DEMO_PROFILE_ID, { matchers: search.matchers, errorName: search.errorName, since: AT.toISOString() })).count).toBe(0);
    expect(await api.readEmailQueue(DEMO_PROFILE_ID)).toMatchObject({ pending: 0, failing: 0 });
  });
});
