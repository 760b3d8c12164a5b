import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { EngineerAction } from '../../shared/api/methods/sessions';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import type { ErrorsProbeResult } from '../../shared/probes/types';
import type { SessionView } from '../../shared/wizard/view';
import { diskFullPlaybook } from '../fixtures/playbooks/disk-full';
import { removeDir, tempDataDir } from '../support/host';
import { THREADS } from '../support/concurrency';

/** The session service through the dispatcher on the embedded demo: the wizard's back end end to end. */
const dataDir = tempDataDir('st-sessions-');
afterAll(async () => {
  await forgetDemoDatabase(dataDir);
  removeDir(dataDir);
});

const start = () => createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });

/** The typed client over `services`: a wrong method or input is a type error; an API error throws an ApiError. */
const api = (services: Pick<Services, 'dispatch'>) => createInProcessClient(services);

describe('session service on the demo environment', async () => {
  let services = await start();
  let id = '';
  const act = (action: EngineerAction) => api(services)['sessions.act']({ id, action });
  const probe = (name: string) => api(services)['sessions.runProbe']({ id, probe: name });
  const fact = (view: SessionView, key: string) => view.session.facts.find((f) => f.key === key);

  it('recognises the 432 text, and says so when it does not know a text', async () => {
    const known = await api(services)['playbooks.recognise']({ text: 'Error sending email 40001: 432 4.3.2 Concurrent connections limit exceeded.' });
    expect(known.playbooks.map((p) => p.id)).toEqual(['exchange-432-concurrency']);
    const unknown = await api(services)['playbooks.recognise']({ text: '550 5.1.1 User unknown' });
    expect(unknown.playbooks).toEqual([]);
    expect(unknown.message).toMatch(/matches no playbook/);
  });

  it('walks the demo from the 432s to a verified fix applied from the app (threads 2 -> 1)', async () => {
    const created = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: 'demo' });
    id = created.session.id;
    expect(created.session.environment).toMatchObject({ profileId: 'demo', engine: 'demo' });

    let view = await probe('errors');
    expect(fact(view, 'errors.count')).toMatchObject({ source: 'probe', value: expect.any(Number) });
    expect((view.session.probes.errors as ErrorsProbeResult).count).toBeGreaterThan(0);
    await act({ type: 'continue' });
    view = await probe('servers');
    expect(fact(view, 'servers')!.value).toEqual([
      { name: 'FE01', sendsEmail: true, zone: 'Global', active: true },
      { name: 'FE02', sendsEmail: true, zone: 'Global', active: true },
    ]);
    await act({ type: 'continue' });
    view = await probe('threads');
    expect(fact(view, 'threads.global')).toMatchObject({ source: 'probe', value: 2 });
    await act({ type: 'continue' });
    await act({ type: 'answer', facts: { mailbox: 'noreply@demo.example' } });
    // "Other senders" unanswered is not "none": Continue is refused until the engineer says.
    await expect(api(services)['sessions.act']({ id, action: { type: 'continue' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/No other sender/),
    });
    await act({ type: 'answer', facts: { 'mailbox.others': [] } });
    view = await act({ type: 'continue' });
    expect(view.session.diagnosis!.mailboxes[0]!.arithmetic).toBe('2 servers x 2 threads = 4 > 3');
    expect(fact(view, 'diagnosis.senders')!.value).toMatch(/no other sender/);
    view = await act({ type: 'continue' });
    const plan = view.session.diagnosis!.plans[0]!;
    expect(view.planInstructions[plan.id]![0]!.sql).toContain("SET VAL = '1'");
    await act({ type: 'choose-plan', planId: plan.id, reason: '' });
    view = await act({ type: 'continue' });
    expect(view.applyFromApp).toMatchObject({ expected: '2', newValue: 1 });

    const preview = await api(services)['sessions.previewApply']({ id });
    expect(preview).toMatchObject({ expected: '2', newValue: 1 });
    view = await api(services)['sessions.apply']({ id });
    expect(view.session.applies[0]).toMatchObject({ before: '2', after: '1', actor: 'Support engineer', statement: preview.statement, undone: false });

    // Undo and apply again: both go through the audit trail and are kept in the session.
    view = await api(services)['sessions.undo']({ id, auditId: view.session.applies[0]!.auditId });
    expect(view.session.applies[0]!.undone).toBe(true);
    expect(await services.probes.readParameter('demo', THREADS)).toMatchObject({ globalValue: 2 });
    view = await api(services)['sessions.apply']({ id });
    expect(view.session.applies).toHaveLength(2);

    view = await act({ type: 'continue' });
    expect(view.session.restart.map((r) => r.server)).toEqual(['FE01', 'FE02']);
    await act({ type: 'tick', server: 'FE01', done: true });
    await act({ type: 'tick', server: 'FE02', done: true });
    await act({ type: 'continue' });
    // Verify now reads everything itself: threads and servers again, 432s and emails sent since the restart.
    view = await api(services)['sessions.verify']({ id });
    expect(fact(view, 'after.threads.global')).toMatchObject({ source: 'probe', value: 1 });
    expect(fact(view, 'after.errors.count')).toMatchObject({ source: 'probe', value: 0 });
    expect(fact(view, 'after.emails.sent')).toMatchObject({ source: 'probe', value: expect.any(Number) });
    expect(view.session.verification).toMatchObject({ result: 'pass' });
    expect(view.session.verification!.criteria!.map((c) => [c.id, c.state])).toEqual([
      ['budget-after', 'pass'],
      ['no-error-since-fix', 'pass'],
      ['traffic-since-fix', 'pass'],
    ]);
    expect(view.session.verification!.criteria![1]!.seen).toMatch(/\(read from the database, /);
    expect(view.session.clock?.summary).toMatch(/^UTC/);
    await act({ type: 'continue' });
    view = await act({ type: 'complete' });
    expect(view.session.status).toBe('resolved');
    // A completed session writes nothing more to the platform database.
    await expect(api(services)['sessions.apply']({ id })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/completed; reopen/) });
    expect(await services.probes.listAudit()).toHaveLength(3);
  });

  it('gives the report its input: facts with sources, applies, restarts, verification, no credential', async () => {
    const input = await services.sessions.reportInput(id);
    expect(input.environment.engine).toBe('demo');
    expect(input.facts.find((f) => f.label === 'Threads for emails (global)')).toMatchObject({
      value: '2',
      source: expect.stringMatching(/^Read from the platform database \(OSSYS_PARAMETER/),
    });
    expect(input.applies.map((a) => [a.before, a.after, a.undone])).toEqual([
      ['2', '1', true],
      ['2', '1', false],
    ]);
    expect(input.restart.every((r) => r.done && r.at)).toBe(true);
    expect(input.verification).toMatchObject({ passed: true });
    expect(input.chosenPlan!.plan.title).toBe('2 servers x 1 thread');
    expect(JSON.stringify(input)).not.toMatch(/password/i);
  });

  it('the resolution report is built from the session by the reports service', async () => {
    const preview = await api(services)['reports.preview']({ sessionId: id });
    expect(preview.model.header.title).toBe('Email connection limit (432 4.3.2) on Demo farm (embedded)');
    expect(preview.model.header.outcome).toBe('resolved');
    expect(preview.html).toContain('2 servers x 2 threads = 4 &gt; 3');
  });

  it('a cancelled probe leaves the session as it was', async () => {
    const view = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: 'demo' });
    const controller = new AbortController();
    controller.abort();
    const progress: string[] = [];
    const run = services.sessions.handlers['sessions.runProbe'](
      { id: view.session.id, probe: 'errors' },
      { callId: 'x', signal: controller.signal, progress: (m) => progress.push(m) },
    );
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    const after = await api(services)['sessions.get']({ id: view.session.id });
    expect(after.session.events).toEqual(view.session.events);
    expect(after.session.probes.errors).toBeUndefined();

    const ran = await services.sessions.handlers['sessions.runProbe'](
      { id: view.session.id, probe: 'threads' },
      { callId: 'y', signal: new AbortController().signal, progress: (m) => progress.push(m) },
    );
    expect(ran.session.probes.threads).toBeDefined();
    expect(progress).toContain('Connecting');
  });

  it('lists, resumes after a restart of the services, and deletes', async () => {
    await services.close();
    services = await start();
    const list = await api(services)['sessions.list']({});
    expect(list.find((s) => s.id === id)).toMatchObject({ status: 'resolved' });
    const again = await api(services)['sessions.get']({ id });
    expect(again.session.events.length).toBeGreaterThan(10);
    expect(await api(services)['sessions.delete']({ id })).toEqual({ deleted: true });
    await expect(api(services)['sessions.get']({ id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('offers the saved environments that send through the same mailbox', async () => {
    const created = await api(services)['profiles.create']({
      profile: {
        name: 'Contoso QA',
        engine: 'sqlserver',
        host: 'sql-qa.contoso.local',
        port: 1433,
        database: 'outsystems',
        user: 'osqa',
        mailbox: 'NoReply@contoso.com',
        rememberPassword: false,
      },
    });
    expect(created).toMatchObject({ name: 'Contoso QA' });
    const view = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: 'demo' });
    expect(view.session.facts.find((f) => f.key === 'mailbox')).toMatchObject({ value: 'noreply@contoso.com', source: 'derived' });
    expect(view.sameMailbox).toEqual([expect.objectContaining({ name: 'Contoso QA' })]);
    // Once the engineer names another mailbox, the QA profile no longer shares it.
    const moved = await api(services)['sessions.act']({ id: view.session.id, action: { type: 'answer', facts: { mailbox: 'alerts@fabrikam.com' } } });
    expect(moved.sameMailbox).toBeUndefined();
  });

  it('a damaged session file is moved aside with a notice; the other sessions stay listed', async () => {
    const kept = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Kept' });
    const broken = await api(services)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Broken' });
    await services.close();
    writeFileSync(path.join(dataDir, 'sessions', `${broken.session.id}.json`), '{ "version": 1, "data": { "schema": 1, ');
    services = await start();
    const list = await api(services)['sessions.list']({});
    expect(list.map((s) => s.id)).toContain(kept.session.id);
    expect(list.map((s) => s.id)).not.toContain(broken.session.id);
    const info = await api(services)['app.info']({});
    expect(info.notices.join(' ')).toMatch(new RegExp(`${broken.session.id}\\.json could not be read because it is not valid JSON.*moved to`));
  });

  it('offline sessions refuse probes with a sentence, and take typed-in facts', async () => {
    const view = await api(services)['sessions.create']({
      playbookId: 'exchange-432-concurrency',
      profileId: null,
      environmentName: 'Contoso PRD',
      pastedError: '432 4.3.2 Concurrent connections limit exceeded',
    });
    expect(view.session).toMatchObject({ offline: true, environment: { name: 'Contoso PRD', engine: 'manual' } });
    expect(view.session.facts.find((f) => f.key === 'symptom.recognised')?.value).toBe(true);
    const refused = api(services)['sessions.runProbe']({ id: view.session.id, probe: 'threads' });
    await expect(refused).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/offline/i) });
    const moved = await api(services)['sessions.act']({ id: view.session.id, action: { type: 'continue' } });
    expect(moved.session.id).toBe(view.session.id);
  });
});

describe('a playbook added without UI code', () => {
  it('is listed, recognised and walked through the same dispatcher as the built-in one', async () => {
    const dir = tempDataDir('st-sessions-extra-');
    const services = await createServices({ dataDir: dir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
    try {
      services.sessions.addPlaybook(diskFullPlaybook);
      expect(() => services.sessions.addPlaybook(diskFullPlaybook)).toThrow(/share the id/);
      const listed = await api(services)['playbooks.list']({});
      expect(listed.map((p) => p.id)).toEqual([
        'exchange-432-concurrency',
        'exchange-smtp-auth',
        'exchange-recipient-quota',
        'exchange-send-as',
        'smtp-connection',
        'test-disk-full',
      ]);
      const known = await api(services)['playbooks.recognise']({ text: 'IOException: No space left on device' });
      expect(known.playbooks.map((p) => p.id)).toEqual(['test-disk-full']);

      const created = await api(services)['sessions.create']({ playbookId: 'test-disk-full', profileId: null, environmentName: 'Build server' });
      const id = created.session.id;
      const act = (action: EngineerAction) => api(services)['sessions.act']({ id, action });
      await act({ type: 'answer', facts: { 'disk.freePercent': 30 } });
      await act({ type: 'continue' });
      await act({ type: 'continue' });
      await act({ type: 'applied-manually', note: 'Removed old deployments' });
      const done = await act({ type: 'complete' });
      expect(done.session.status).toBe('resolved');
      expect(done.steps.map((s) => s.title)).toEqual(['Measure', 'Judge', 'Report']);
      expect((await services.sessions.reportInput(id)).facts.map((f) => f.label)).toEqual(['Free disk space (%)', 'Verdict', 'Enough free space']);
    } finally {
      await services.close();
      removeDir(dir);
    }
  });
});
