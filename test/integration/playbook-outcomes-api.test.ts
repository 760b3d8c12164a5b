import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { removeDir, tempDataDir } from '../support/host';
import { OUTCOME_CASES } from '../support/outcome-cases';
import { walkThroughApi } from '../support/walk';

/**
 * Every playbook's every outcome, offline, through the API the pages use: the session the service
 * saves and the report it builds state the outcome the engine decided, with its criteria.
 */
let clock = Date.parse('2026-12-07T08:00:00.000Z');
const dataDir = tempDataDir('st-outcomes-api-');
const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), now: () => new Date(clock) });
const api = createInProcessClient(services);
afterAll(async () => {
  await services.close();
  removeDir(dataDir);
});

describe('each outcome through the API', () => {
  it.each(OUTCOME_CASES)('%s', async (_name, playbook, script, outcome) => {
    const session = await walkThroughApi(api, playbook, script, (minutes) => (clock += minutes * 60_000));
    expect(session.status).toBe(outcome);
    const stored = await api['sessions.get']({ id: session.id });
    expect(stored.session.outcome?.status).toBe(outcome);
    const report = await api['reports.preview']({ sessionId: session.id });
    expect(report.model.header.outcome).toBe(outcome);
    expect(report.model.outcome.reason).toBe(stored.session.outcome!.reason);
  });
});
