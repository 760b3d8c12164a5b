import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { ErrorsProbeResult } from '../../shared/probes/types';
import { servicesOnTempFolders } from '../support/services';

/**
 * The SMTP authentication playbook on a log full of 432 errors (the demo's default scenario): its
 * own search finds nothing, and the wizard can say which other known error the log holds.
 */
describe('another known error in the same window', () => {
  const start = servicesOnTempFolders('st-other-errors-');

  it('names the 432 playbook and its count when the SMTP authentication search finds nothing', async () => {
    const { services } = await start();
    const api = createInProcessClient(services);
    const { session } = await api['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: 'demo' });
    const view = await api['sessions.runProbe']({ id: session.id, probe: 'authErrors' });
    const own = view.session.probes.authErrors as ErrorsProbeResult;
    expect(own.count).toBe(0);

    const { found, since } = await api['sessions.otherKnownErrors']({ id: session.id });
    expect(since).toBe(own.windowStart);
    // The 432 incident first (most errors); the demo's "Unable to connect to the remote server" lines
    // are the SMTP connection playbook's, and said too.
    expect(found.map((f) => f.playbookId)).toEqual(['exchange-432-concurrency', 'smtp-connection']);
    expect(found[1]!.count).toBeLessThan(found[0]!.count);
    expect(found[0]!.count).toBeGreaterThan(0);
    expect(found[0]!.sentence).toMatch(/^[\d,]+ errors of the "432 4\.3\.2 Concurrent connections limit exceeded" playbook in this window\.$/);
  });

  it('says nothing when the own search found errors, or before it ran, or offline', async () => {
    const { services } = await start();
    const api = createInProcessClient(services);
    const own = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: 'demo' });
    expect((await api['sessions.otherKnownErrors']({ id: own.session.id })).found).toEqual([]);
    await api['sessions.runProbe']({ id: own.session.id, probe: 'errors' });
    expect((await api['sessions.otherKnownErrors']({ id: own.session.id })).found).toEqual([]);
    const offline = await api['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: null });
    expect((await api['sessions.otherKnownErrors']({ id: offline.session.id })).found).toEqual([]);
    await expect(api['sessions.otherKnownErrors']({ id: 'missing' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
