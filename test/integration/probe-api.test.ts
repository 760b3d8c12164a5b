import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import { removeDir, tempDataDir } from '../support/host';
import { SEARCH_432, SET_THREADS, THREADS } from '../support/concurrency';

/**
 * The probe service as the sessions use it (probes, Apply and Undo are not API methods: see
 * test/security/write-path.test.ts), and the demo reset through the one dispatcher every host uses.
 */
const dataDir = tempDataDir('st-probe-api-');
afterAll(async () => {
  await forgetDemoDatabase(dataDir);
  removeDir(dataDir);
});

describe('probe service on the demo environment', async () => {
  const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
  const api = createInProcessClient(services);
  const probes = services.probes;

  it('reads facts, applies with preview, audits, undoes and resets', async () => {
    expect(await probes.readParameter('demo', THREADS)).toMatchObject({ globalValue: 2, engine: 'demo' });
    expect((await probes.readErrors('demo', { ...SEARCH_432, days: 7 })).count).toBeGreaterThan(0);

    const preview = await probes.previewApplyParameter('demo', { ...SET_THREADS, expected: '2', newValue: 1 });
    const applied = await probes.applyParameter('demo', { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    expect(applied).toMatchObject({ before: '2', after: '1' });
    expect(applied.statement).toBe(preview.statement);

    const audit = await probes.listAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ id: applied.auditId, state: 'done', before: '2', after: '1' });
    expect(await probes.undoApply(applied.auditId, { actor: 'Ana' })).toMatchObject({ before: '1', after: '2' });

    await probes.applyParameter('demo', { ...SET_THREADS, expected: '2', newValue: 3, actor: 'Ana' });
    expect(await api['demo.reset']({})).toEqual({ reset: true });
    expect(await probes.readParameter('demo', THREADS)).toMatchObject({ globalValue: 2 });
  });

  it('refuses 0 threads and a stale value with errors that name the problem', async () => {
    await expect(probes.applyParameter('demo', { ...SET_THREADS, expected: '2', newValue: 0, actor: 'Ana' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'newValue',
    });
    await expect(probes.applyParameter('demo', { ...SET_THREADS, expected: '2', newValue: 1, actor: ' ' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'actor',
    });
    await expect(probes.applyParameter('demo', { ...SET_THREADS, expected: '5', newValue: 1, actor: 'Ana' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is now 2, not 5'),
    });
  });
});
