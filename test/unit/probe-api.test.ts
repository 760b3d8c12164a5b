import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import { removeDir, tempDataDir } from '../support/host';

/** The probe methods through the one dispatcher every host uses: validation, results, typed errors. */
const dataDir = tempDataDir('st-probe-api-');
afterAll(async () => {
  await forgetDemoDatabase(dataDir);
  removeDir(dataDir);
});

describe('probe API on the demo environment', async () => {
  const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });

  it('reads facts, applies with preview, audits, undoes and resets', async () => {
    const threads = await services.dispatch('probes.threads', { profileId: 'demo' });
    expect(threads).toMatchObject({ ok: true, value: { globalValue: 2, engine: 'demo' } });
    const errors = await services.dispatch('probes.errors', { profileId: 'demo', days: 7 });
    expect(errors.ok && (errors.value as { count: number }).count).toBeGreaterThan(0);

    const preview = await services.dispatch('probes.previewApply', { profileId: 'demo', expected: '2', newValue: 1 });
    const applied = await services.dispatch('probes.apply', { profileId: 'demo', expected: '2', newValue: 1, actor: 'Ana' });
    expect(applied).toMatchObject({ ok: true, value: { before: '2', after: '1' } });
    expect(preview.ok && applied.ok && (applied.value as { statement: string }).statement).toBe(preview.ok && (preview.value as { statement: string }).statement);

    const audit = await services.dispatch('probes.audit', {});
    expect(audit.ok && (audit.value as unknown[]).length).toBe(1);
    const auditId = applied.ok ? (applied.value as { auditId: string }).auditId : '';
    expect(await services.dispatch('probes.undo', { auditId, actor: 'Ana' })).toMatchObject({ ok: true, value: { before: '1', after: '2' } });

    await services.dispatch('probes.apply', { profileId: 'demo', expected: '2', newValue: 3, actor: 'Ana' });
    expect(await services.dispatch('demo.reset', {})).toEqual({ ok: true, value: { reset: true } });
    expect(await services.dispatch('probes.threads', { profileId: 'demo' })).toMatchObject({ ok: true, value: { globalValue: 2 } });
  });

  it('refuses 0 threads and a stale value with errors that name the problem', async () => {
    expect(await services.dispatch('probes.apply', { profileId: 'demo', expected: '2', newValue: 0, actor: 'Ana' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'newValue' },
    });
    expect(await services.dispatch('probes.apply', { profileId: 'demo', expected: '5', newValue: 1, actor: 'Ana' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('is now 2, not 5') },
    });
  });
});
