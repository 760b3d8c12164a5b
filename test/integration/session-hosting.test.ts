import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { forgetDemoDatabase, openDemoConnection } from '../../electron/services/demo/connect';
import type { SessionView } from '../../shared/wizard/view';
import { removeDir, tempDataDir } from '../support/host';

/**
 * Where the database cannot be written: on OutSystems Cloud the app never offers Apply, and a
 * database that answers "permission denied" to the write is not asked again. Either way the session
 * goes on with the fix made by hand and recorded, then verified as usual.
 */
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) {
    await forgetDemoDatabase(dir);
    removeDir(dir);
  }
});

async function start(): Promise<{ services: Services; dataDir: string }> {
  const dataDir = tempDataDir('st-hosting-');
  dirs.push(dataDir);
  return { services: await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() }), dataDir };
}

/** The typed client over `services`: a wrong method or input is a type error; an API error throws an ApiError. */
const api = (services: Pick<Services, 'dispatch'>) => createInProcessClient(services);

/** A session on `profileId` walked to the Apply step with the recommended plan (threads 2 -> 1). */
async function toApply(services: Services, profileId: string): Promise<{ id: string; view: SessionView }> {
  const created = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId });
  const id = created.session.id;
  await api(services)['sessions.autoProbe']({ id });
  await api(services)['sessions.act']({ id, action: { type: 'answer', facts: { 'mailbox.others': [] } } });
  await api(services)['sessions.act']({ id, action: { type: 'continue' } });
  let view = await api(services)['sessions.act']({ id, action: { type: 'continue' } });
  await api(services)['sessions.act']({ id, action: { type: 'choose-plan', planId: view.session.diagnosis!.plans[0]!.id, reason: '' } });
  view = await api(services)['sessions.act']({ id, action: { type: 'continue' } });
  return { id, view };
}

describe('Apply where the platform database may not be written', () => {
  it('OutSystems Cloud: Apply is not offered; the fix is recorded by hand and verified as usual', async () => {
    const { services, dataDir } = await start();
    try {
      const created = await api(services)['profiles.create']({
        profile: {
          name: 'Contoso Cloud PRD',
          engine: 'sqlserver',
          host: 'db.contoso.outsystemscloud.com',
          port: 1433,
          database: 'outsystems',
          user: 'tmp_user',
          password: 'temporary-pass',
          rememberPassword: false,
          hosting: 'outsystems-cloud',
          mailbox: 'noreply@contoso.com',
        },
      });
      const profileId = created.id;
      expect(created.hosting).toBe('outsystems-cloud');
      // Read through the embedded demo standing in for the Cloud database (read-only access is what Cloud gives).
      services.profiles.connect = () => openDemoConnection(dataDir);
      const { id, view } = await toApply(services, profileId);
      expect(view.applyFromApp).toMatchObject({ unavailable: expect.stringMatching(/OutSystems Cloud: a database user may change only application tables/) });
      await expect(api(services)['sessions.apply']({ id })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/OutSystems Cloud/),
      });
      const recorded = await api(services)['sessions.act']({
        id,
        action: { type: 'applied-manually', note: 'Factory Configuration: threads 2 -> 1; LifeTime: Restart services' },
      });
      expect(recorded.session.manualApplies).toHaveLength(1);
      expect(recorded.session.environment.hosting).toBe('outsystems-cloud');
    } finally {
      await services.close();
    }
  });

  it('permission denied on the write: the session records it, stops offering Apply, and takes the change by hand', async () => {
    const { services } = await start();
    try {
      const { id } = await toApply(services, 'demo');
      services.probes.applyParameter = () => Promise.reject(new ApiError('forbidden', 'This login may not change OSSYS_PARAMETER (permission denied).'));
      const refused = await api(services)['sessions.apply']({ id });
      expect(refused.session.applies).toHaveLength(0);
      expect(refused.session.applyRefused?.reason).toMatch(/permission denied/);
      expect(refused.applyFromApp).toMatchObject({
        unavailable: expect.stringMatching(
          /^The database refused the change \(This login may not change OSSYS_PARAMETER \(permission denied\)\): apply it as the plan's steps say/,
        ),
      });
      expect(refused.session.events.at(-1)!.summary).toMatch(/Apply from the app was refused by the database/);
      await expect(api(services)['sessions.apply']({ id })).rejects.toMatchObject({ code: 'invalid_input' });
      const recorded = await api(services)['sessions.act']({ id, action: { type: 'applied-manually', note: 'Set in Factory Configuration' } });
      expect(recorded.steps.find((s) => s.kind === 'apply')!.missing).toBeNull();
    } finally {
      await services.close();
    }
  });
});
