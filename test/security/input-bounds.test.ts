import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionActionSchema } from '../../shared/api/methods/sessions';
import { MAX_FACT_BYTES, MAX_FACT_DEPTH } from '../../shared/wizard/fact-bounds';
import { removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';

/** Bounded input, against a real browser host: every limit is a 400 invalid_input naming it, never a 500. */
describe('input bounds over HTTP', () => {
  let dir: string;
  let running: RunningHost;
  let sessionId: string;

  const post = async (method: string, body: string | object) => {
    const response = await fetch(`${running.host.url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${running.host.token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        ok: boolean;
        value?: { session: { id: string; events: unknown[] } };
        error?: { code: string; message: string; field?: string };
      },
    };
  };
  const nest = (levels: number, inner: unknown = 'x'): unknown => (levels === 0 ? inner : [nest(levels - 1, inner)]);
  const answer = (value: unknown) => post('sessions.act', { id: sessionId, action: { type: 'answer', facts: { 'symptom.evidence': value } } });

  beforeAll(async () => {
    dir = tempDataDir('st-input-');
    running = await startTestHost(dir);
    const created = await post('sessions.create', { playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Contoso PRD' });
    expect(created.status).toBe(200);
    sessionId = created.body.value!.session.id;
  });
  afterAll(async () => {
    await running.stop();
    removeDir(dir);
  });

  it(`a fact value may nest ${MAX_FACT_DEPTH} levels; one more is refused with the limit and the fact named`, async () => {
    expect((await answer(nest(MAX_FACT_DEPTH))).status).toBe(200);
    const refused = await answer(nest(MAX_FACT_DEPTH + 1));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', field: 'action.facts.symptom.evidence' });
    expect(refused.body.error!.message).toContain('A fact value can be at most 8 levels deep');
    expect(sessionActionSchema.safeParse({ type: 'answer', facts: { a: nest(MAX_FACT_DEPTH) } }).success).toBe(true);
  });

  it('a fact value over 64 KB is refused with the limit named, and nothing is saved', async () => {
    const before = readFileSync(path.join(dir, 'sessions', `${sessionId}.json`), 'utf8');
    const big = ['a', 'b', 'c', 'd'].map((c) => c.repeat(17_000)); // four strings within 20,000 characters, 68 KB together
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_FACT_BYTES);
    const refused = await answer(big);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', field: 'action.facts.symptom.evidence' });
    expect(refused.body.error!.message).toMatch(/A fact value can be at most 64 KB once saved \(this one is 67 KB\)/);
    expect(readFileSync(path.join(dir, 'sessions', `${sessionId}.json`), 'utf8')).toBe(before);
  });

  it('a body nested 5,000 levels deep is a 400 invalid_input, not a stack overflow', async () => {
    const deep = `{"id":"${sessionId}","action":{"type":"answer","facts":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}}`;
    const refused = await post('sessions.act', deep);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', message: 'The request is nested more than 32 levels deep' });
    // Brackets inside strings are text, not nesting.
    expect((await post('playbooks.recognise', { text: '['.repeat(5000) })).status).toBe(200);
  });

  it('an input nested 5,000 levels deep that arrives already parsed (the desktop IPC path) is refused the same way', async () => {
    const result = await running.services.dispatch('sessions.act', { id: sessionId, action: { type: 'answer', facts: { x: nest(5000) } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('nested more than 32 levels deep') } });
  });

  it('a body over 10 MB is refused with the limit named', async () => {
    const refused = await post('profiles.importPreview', { json: 'x'.repeat(10 * 1024 * 1024 + 10) });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', message: 'The request body can be at most 10 MB' });
  });

  it('a change that would make a session file larger than 5 MB is refused with invalid_input, and the file is left as it was', async () => {
    const file = path.join(dir, 'sessions', `${sessionId}.json`);
    // Each changed answer logs its value in the session's history (about 60 KB each here).
    let refused: Awaited<ReturnType<typeof answer>> | undefined;
    for (let i = 0; i < 120 && !refused; i++) {
      const result = await answer([`${i}`.padEnd(20_000, 'a'), 'b'.repeat(20_000), 'c'.repeat(20_000)]);
      if (result.status !== 200) refused = result;
    }
    expect(refused?.status).toBe(400);
    expect(refused?.body.error?.code).toBe('invalid_input');
    expect(refused?.body.error?.message).toMatch(/^A session can be at most 5 MB when saved; this change would make it 5(\.\d)? MB\. Nothing was saved\.$/);
    const size = statSync(file).size;
    expect(size).toBeLessThanOrEqual(5 * 1024 * 1024);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const view = await post('sessions.get', { id: sessionId });
    expect(view.body.value!.session.events.length).toBe(saved.data.events.length);
  }, 120_000);
});
