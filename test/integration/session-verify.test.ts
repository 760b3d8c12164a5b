import { describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { EngineerAction } from '../../shared/api/methods/sessions';
import type { ErrorsProbeResult } from '../../shared/probes/types';
import type { SessionView } from '../../shared/wizard/view';
import { refusedPort } from '../support/fake-servers';
import { servicesOnTempFolders } from '../support/services';

/**
 * Verdicts that hold: Verify now reads what it judges, a pass needs traffic, a failed probe stays in
 * its step with the reason, other senders on the mailbox are asked for, and the same walk gives the
 * same verdict whatever the database's time zone.
 */
const onTempFolder = servicesOnTempFolders('st-verify-');
const start = async (): Promise<Services> => (await onTempFolder()).services;

/** The typed client over `services`: a wrong method or input is a type error; an API error throws an ApiError. */
const api = (services: Pick<Services, 'dispatch'>) => createInProcessClient(services);

const fact = (view: SessionView, key: string) => view.session.facts.find((f) => f.key === key);
/** One criterion of the verification, as the engine judged it. */
const criterion = (view: SessionView, id: string) => view.session.verification?.criteria?.find((c) => c.id === id);

/** Walks the demo to the restart step with the recommended plan; `apply` says how the change is made. */
async function walkToRestart(services: Services, apply: 'app' | 'manual-without-change') {
  const created = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: 'demo' });
  const id = created.session.id;
  const act = (action: EngineerAction) => api(services)['sessions.act']({ id, action });
  const probe = (name: string) => api(services)['sessions.runProbe']({ id, probe: name });
  await probe('errors');
  await act({ type: 'continue' });
  await probe('servers');
  await act({ type: 'continue' });
  await probe('threads');
  await act({ type: 'continue' });
  await act({ type: 'answer', facts: { mailbox: 'noreply@demo.example', 'mailbox.others': [] } });
  await act({ type: 'continue' });
  let view = await act({ type: 'continue' });
  await act({ type: 'choose-plan', planId: view.session.diagnosis!.plans[0]!.id, reason: '' });
  await act({ type: 'continue' });
  if (apply === 'app') await api(services)['sessions.apply']({ id });
  else await act({ type: 'applied-manually', note: 'Said it was changed in Factory Configuration, but it was not' });
  view = await act({ type: 'continue' });
  return { id, act, view };
}

async function restartAll(act: (action: EngineerAction) => Promise<SessionView>, view: SessionView) {
  for (const item of view.session.restart) await act({ type: 'tick', server: item.server, done: true });
  return act({ type: 'continue' });
}

describe('Verify now on the demo', () => {
  it('passes after the fix once the Scheduler sent enough emails since the restart', async () => {
    const services = await start();
    try {
      const { id, act, view } = await walkToRestart(services, 'app');
      await restartAll(act, view);
      const verified = await api(services)['sessions.verify']({ id });
      expect(verified.session.verification).toMatchObject({ result: 'pass' });
      expect(verified.session.verification!.summary).toMatch(
        /^Verified: the connections to the mailbox after the change are within the limit: noreply@demo\.example: 2 servers x 1 thread = 2 <= 3; no 432 error since the restart: 0 since .* \(read from the database, .*\); at least 4 emails sent since the restart .*: \d+ emails sent since /,
      );
      // Open, the report says so; completed, it states the engine's outcome.
      expect((await api(services)['reports.preview']({ sessionId: id })).model.header.outcome).toBe('in-progress');
      await act({ type: 'complete' });
      const report = await api(services)['reports.preview']({ sessionId: id });
      expect(report.model.header).toMatchObject({ outcome: 'resolved', databaseClock: expect.stringMatching(/^UTC\+00:00/) });
    } finally {
      await services.close();
    }
  });

  it('fails when the budget is still over the limit: the Scheduler logs new 432s after the restart', async () => {
    const services = await start();
    try {
      const { id, act, view } = await walkToRestart(services, 'manual-without-change');
      await restartAll(act, view);
      const verified = await api(services)['sessions.verify']({ id });
      expect(fact(verified, 'after.threads.global')!.value).toBe(2);
      expect(verified.session.verification!.result).toBe('fail');
      expect(verified.session.verification!.summary).toMatch(
        /^Not fixed: the connections to the mailbox after the change are within the limit: noreply@demo\.example: 2 servers x 2 threads = 4 > 3/,
      );
      expect(criterion(verified, 'no-error-since-fix')).toMatchObject({ state: 'fail' });
      await act({ type: 'complete' });
      const report = await api(services)['reports.preview']({ sessionId: id });
      expect(report.model.header.outcome).toBe('not-resolved');
    } finally {
      await services.close();
    }
  });

  it('is "not yet verified" when the engineer says no email went out since the restart, and the report never says "Resolved"', async () => {
    const services = await start();
    try {
      const { id, act, view } = await walkToRestart(services, 'app');
      await restartAll(act, view);
      // What the engineer sees in Service Center overrides the probe: only 2 emails went out.
      await api(services)['sessions.verify']({ id });
      await act({ type: 'answer', facts: { 'after.emails.sent': 2 } });
      const watching = await act({ type: 'verify' });
      expect(watching.session.verification).toMatchObject({ result: 'watch' });
      expect(criterion(watching, 'traffic-since-fix')).toMatchObject({
        state: 'watching',
        seen: expect.stringMatching(/^2 emails sent since .* \(as the engineer recorded it, .*\); 4 needed$/),
      });
      const done = await act({ type: 'complete' });
      expect(done.session.status).toBe('applied-not-verified');
      const report = await api(services)['reports.preview']({ sessionId: id });
      expect(report.model.header).toMatchObject({ outcome: 'applied-not-verified', outcomeLabel: 'Fix applied, not yet verified' });
    } finally {
      await services.close();
    }
  });

  for (const utcOffsetMinutes of [-300, 330]) {
    it(`gives the same verdict when the demo database runs at UTC${utcOffsetMinutes > 0 ? '+' : ''}${utcOffsetMinutes / 60} h`, async () => {
      const services = await start();
      try {
        expect(await api(services)['demo.reset']({ utcOffsetMinutes })).toEqual({ reset: true });
        const { id, act, view } = await walkToRestart(services, 'app');
        expect((view.session.probes.errors as ErrorsProbeResult).count).toBe(84);
        expect(view.session.clock).toMatchObject({ utcOffsetMinutes });
        await restartAll(act, view);
        const verified = await api(services)['sessions.verify']({ id });
        expect(verified.session.verification).toMatchObject({ result: 'pass' });
        expect(criterion(verified, 'no-error-since-fix')).toMatchObject({ state: 'pass', seen: expect.stringMatching(/^0 since /) });
        expect(criterion(verified, 'traffic-since-fix')).toMatchObject({ state: 'pass' });
      } finally {
        await services.close();
      }
    });
  }
});

describe('other senders on the mailbox', () => {
  it('reads another sender from its own saved environment: the demo farm on the same mailbox', async () => {
    const services = await start();
    try {
      const created = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Contoso DEV' });
      const id = created.session.id;
      const act = (action: EngineerAction) => api(services)['sessions.act']({ id, action });
      const demo = (await api(services)['profiles.list']({})).find((p) => p.id === 'demo')!;
      const asked = await act({ type: 'answer', facts: { mailbox: demo.mailbox } });
      expect(asked.sameMailbox?.map((p) => p.profileId)).toEqual(['demo']);
      const read = await api(services)['sessions.probeSender']({ id, profileId: 'demo' });
      expect(fact(read, 'mailbox.others')).toMatchObject({
        source: 'engineer',
        value: [{ name: 'Demo farm (embedded)', servers: 2, threads: 2 }],
        detail: 'read from the saved environment Demo farm (embedded)',
      });
      const refused = api(services)['sessions.probeSender']({ id, profileId: 'nope' });
      await expect(refused).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/does not send through the same mailbox/) });
    } finally {
      await services.close();
    }
  });

  it('names a SQL Server environment on the same mailbox as a candidate', async () => {
    const services = await start();
    try {
      const qa = await api(services)['profiles.create']({
        profile: {
          name: 'Contoso QA',
          engine: 'sqlserver',
          host: 'sql-qa.contoso.local',
          port: 1433,
          database: 'outsystems',
          user: 'osqa',
          mailbox: 'noreply@demo.example',
          rememberPassword: false,
        },
      });
      expect(qa).toMatchObject({ name: 'Contoso QA' });
      const created = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Offline PRD' });
      const id = created.session.id;
      const act = (action: EngineerAction) => api(services)['sessions.act']({ id, action });
      await act({ type: 'answer', facts: { 'errors.count': 5 } });
      await act({ type: 'continue' });
      await act({ type: 'answer', facts: { servers: [{ name: 'FE01', sendsEmail: true, zone: 'Global', active: true }] } });
      await act({ type: 'continue' });
      await act({ type: 'answer', facts: { 'threads.global': 2 } });
      await act({ type: 'continue' });
      const asked = await act({ type: 'answer', facts: { mailbox: 'NoReply@demo.example' } });
      expect(asked.sameMailbox?.map((p) => p.name)).toEqual(['Contoso QA']);
      const refused = api(services)['sessions.act']({ id, action: { type: 'continue' } });
      await expect(refused).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/Saved environments on the same mailbox: Contoso QA\./),
      });
      await act({ type: 'answer', facts: { 'mailbox.others': [{ name: 'Contoso QA', servers: 1, threads: 1 }] } });
      const diagnosed = await act({ type: 'continue' });
      expect(fact(diagnosed, 'diagnosis.senders')!.value).toBe('Offline PRD and Contoso QA (1 x 1) send through this mailbox.');
      expect(diagnosed.session.diagnosis!.mailboxes[0]!.connections).toBe(3);
    } finally {
      await services.close();
    }
  });
});

describe('a probe that fails', () => {
  it('stays in its step as unknown with the reason, without failing the call; a later success clears it', async () => {
    const services = await start();
    try {
      const port = await refusedPort();
      const profile = await api(services)['profiles.create']({
        profile: {
          name: 'Unreachable PRD',
          engine: 'sqlserver',
          host: '127.0.0.1',
          port,
          database: 'outsystems',
          user: 'os',
          password: 'secret-pass',
          rememberPassword: false,
        },
      });
      expect(profile).toMatchObject({ name: 'Unreachable PRD' });
      const profileId = profile.id;
      const created = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId });
      const view = await api(services)['sessions.runProbe']({ id: created.session.id, probe: 'errors' });
      expect(view.session.probeFailures?.errors).toMatchObject({ code: 'connection_failed', reason: expect.stringMatching(/refused/i) });
      expect(fact(view, 'errors.count')).toBeUndefined();
      expect(view.session.events.at(-1)).toMatchObject({ type: 'probe-failed', summary: expect.stringMatching(/refused/i) });
      // Typing the fact in is the way on.
      const typed = await api(services)['sessions.act']({ id: created.session.id, action: { type: 'answer', facts: { 'errors.count': 12 } } });
      expect(fact(typed, 'errors.count')).toMatchObject({ source: 'engineer', value: 12 });
    } finally {
      await services.close();
    }
  });
});
