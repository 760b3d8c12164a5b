/**
 * The renderer's pure parts, without a browser: what a form says at a field, and which page an
 * address opens. These are what an engineer sees first when a value is wrong or a link is shared.
 */
import { describe, expect, it } from 'vitest';
import { newDraft, switchEngine, toInput, validate, type ProfileDraft } from '../../renderer/src/pages/environments/draft';
import { defaultDraft, evaluate, inputToDraft, newServer } from '../../renderer/src/pages/whatif/draft';
import { parseHash, routeToHash } from '../../renderer/src/stores/ui';

function filledProfile(changes: Partial<ProfileDraft> = {}): ProfileDraft {
  return {
    ...newDraft(true),
    name: 'Contoso PRD',
    host: 'sql.contoso.local',
    database: 'outsystems',
    user: 'os_admin',
    mailbox: 'noreply@contoso.com',
    ...changes,
  };
}

describe('environment form (environments/draft.ts)', () => {
  it('an empty form names every missing field in words', () => {
    expect(validate(newDraft(true)).errors).toMatchObject({
      name: 'Name is required',
      host: 'Host is required',
      user: 'User is required',
      database: 'Database is required for SQL Server',
    });
  });

  it('a port or a timeout typed wrong is explained at its own field, not dropped', () => {
    const { form, errors } = validate(filledProfile({ port: '70000', connectSeconds: 'abc' }));
    expect(form).toBeUndefined();
    expect(errors.port).toBe('Port must be between 1 and 65535');
    // The timeout is edited as `connectSeconds`, not as the API's `timeouts.connectSeconds`.
    expect(errors.connectSeconds).toBe('Connect timeout must be a number of seconds');
  });

  it('a filled form is accepted with the numbers the user typed', () => {
    const { form, errors } = validate(filledProfile({ port: ' 1444 ', querySeconds: '45' }));
    expect(errors).toEqual({});
    expect(form).toMatchObject({ port: 1444, timeouts: { querySeconds: 45 } });
  });

  it("switching to Oracle moves the default port and clears SQL Server's fields; a port typed by hand stays", () => {
    const oracle = switchEngine(filledProfile(), 'oracle');
    expect(oracle.port).toBe('1521');
    expect(toInput(oracle)).toMatchObject({ engine: 'oracle', database: '', instanceName: '' });
    expect(switchEngine(filledProfile({ port: '1444' }), 'oracle').port).toBe('1444');
  });

  it('an empty password is left out of the request, so the saved one is kept', () => {
    expect(toInput(filledProfile({ password: '' }))).not.toHaveProperty('password');
    expect(toInput(filledProfile({ password: 'typed' }))).toMatchObject({ password: 'typed' });
  });
});

describe('what-if form (whatif/draft.ts)', () => {
  it("the article's farm (2 servers x 2 threads on Exchange Online) is over the limit of 3", () => {
    const { errors, result } = evaluate(defaultDraft());
    expect(errors).toEqual({});
    expect(result?.verdict).toContain('needs 4 connections where 3 are allowed');
  });

  it('a wrong value is explained at its field, by the path the form shows it at', () => {
    const draft = defaultDraft();
    draft.environments[0]!.threads = 'abc';
    draft.environments[0]!.servers[1]!.name = '';
    draft.environments[0]!.servers[0]!.threads = '-1';
    draft.backlog = '100';
    const { errors, result } = evaluate(draft);
    expect(result).toBeUndefined();
    expect(errors).toMatchObject({
      'environments.0.emailThreads': 'Email threads must be a number',
      'environments.0.servers.1.name': 'Server name is required',
      'environments.0.servers.0.emailThreads': 'Per-host email threads cannot be negative',
      // A backlog without the time per email: the question, not a type error.
      'throughput.avgSendSeconds': 'Give the average time to send one email, in seconds',
    });
  });

  it('counts may be typed with thousands separators', () => {
    const draft = defaultDraft();
    draft.recipientLimit = '10,000';
    expect(evaluate(draft).input?.recipientLimit).toBe(10_000);
  });

  it('a new server takes the first free FE<n> name, whatever the case', () => {
    expect(newServer(['FE1', 'fe2']).name).toBe('FE3');
  });

  it('a saved scenario opens in the form as it was saved', () => {
    const { input } = evaluate(defaultDraft());
    expect(evaluate(inputToDraft(input!)).input).toEqual(input);
  });
});

describe('addresses (stores/ui.ts)', () => {
  it('opens the page the address names, with what follows it', () => {
    expect(parseHash('#/troubleshoot/s-42')).toEqual({ page: 'troubleshoot', rest: ['s-42'] });
    expect(parseHash('#/whatif')).toEqual({ page: 'whatif', rest: [] });
    expect(parseHash('#reports')).toEqual({ page: 'reports', rest: [] });
  });

  it('an empty or unknown address opens Environments', () => {
    expect(parseHash('')).toEqual({ page: 'environments', rest: [] });
    expect(parseHash('#/settings/secret')).toEqual({ page: 'environments', rest: [] });
  });

  it('an id with spaces or slashes survives the round trip through the address bar', () => {
    const route = { page: 'troubleshoot' as const, rest: ['CS 123/456'] };
    const hash = routeToHash(route);
    expect(hash).toBe('#/troubleshoot/CS%20123%2F456');
    expect(parseHash(hash)).toEqual(route);
  });
});
