import { describe, expect, it } from 'vitest';
import { DEMO_PROFILE_ID } from '../../electron/services/demo/connect';
import type { DemoSeed } from '../../electron/services/demo/seed-model';
import { scenarioSeeds } from '../../electron/services/demo/seeds';
import { smtpAuthPlaybook as playbook } from '../../shared/playbooks/smtp-auth';
import { PROBE, VERSION_PARAMETER } from '../../shared/playbooks/smtp-auth/facts';
import { createSession } from '../../shared/wizard/engine';
import { demoProbesAt } from '../support/demo-probes';

/** The Platform Server version is read where OutSystems' diagnostic tool reads it (domain.md 4d), and asked only when absent. */
const NOW = new Date('2026-12-02T15:00:00.000Z');
const seeded = demoProbesAt(NOW, 'st-version-');
const environment = { profileId: 'demo', name: 'Demo', role: null, engine: 'demo' as const, host: null, customer: null, mailbox: null };
const session = createSession({ id: 's1', playbook, environment, offline: false, now: NOW.toISOString() });
const factsOf = (result: unknown) => playbook.factsFromProbe!(PROBE.version, result, session);

async function demoWith(parameters: DemoSeed['parameters']) {
  const { api } = await seeded((now) => {
    const s = scenarioSeeds.smtpAuth(now);
    return { ...s, parameters: [...s.parameters, ...parameters] };
  });
  return api;
}

describe('the Platform Server version from OSSYS_PARAMETER', () => {
  it('the platform step reads it with the parameter probe, by the name "version" whatever its letter case', async () => {
    const step = playbook.steps.find((s) => s.id === 'platform')!;
    expect(step.probes).toEqual([PROBE.version]);
    expect(playbook.probes?.[PROBE.version]).toMatchObject({ probe: 'parameter', parameter: 'version' });
    expect(step.facts.find((f) => f.key === 'platform.version')!.sources).toEqual(['probe', 'engineer']);

    const api = await demoWith([{ name: 'Version', val: '11.38.0.44017' }]);
    const result = await api.readParameter(DEMO_PROFILE_ID, { name: VERSION_PARAMETER });
    const facts = factsOf(result);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      key: 'platform.version',
      value: '11.38.0.44017',
      detail: 'OSSYS_PARAMETER row "Version", where OutSystems\' diagnostic tool reads it',
    });
  });

  it('gives no fact when there is no such row, so the engineer is asked', async () => {
    const api = await demoWith([]);
    const result = await api.readParameter(DEMO_PROFILE_ID, { name: VERSION_PARAMETER });
    expect(result.rows).toEqual([]);
    expect(factsOf(result)).toEqual([]);
  });

  it('gives no fact when the row holds no version', async () => {
    const api = await demoWith([{ name: 'version', val: 'unknown' }]);
    expect(factsOf(await api.readParameter(DEMO_PROFILE_ID, { name: VERSION_PARAMETER }))).toEqual([]);
  });
});
