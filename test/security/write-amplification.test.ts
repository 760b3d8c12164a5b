import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services/create-services';
import { MAX_IMPORT_PROFILES } from '../../electron/services/profiles/exchange';
import { makePng } from '../support/png';
import { servicesOnTempFolders } from '../support/services';

/**
 * Every write has a size: what a call stores in the data folder is bounded by what it sends. Each
 * write method is called with the input that stores the most per byte sent (short names that
 * defaults and the log then fill out), and the data folder's growth divided by the request's size
 * must stay under the bound stated here. A method that builds a whole document from a few bytes
 * (a new session) also has a fixed allowance per call.
 */
const BOUNDS: Record<string, { perByte: number; perCall?: number }> = {
  'whatif.scenarios.save': { perByte: 4 },
  'profiles.create': { perByte: 4, perCall: 1024 },
  // Each imported profile gets an id, its times and the defaults of the fields left out (about 1 KB);
  // with at most MAX_IMPORT_PROFILES per file that is the fixed allowance of one import.
  'profiles.import': { perByte: 4, perCall: MAX_IMPORT_PROFILES * 1024 },
  'profiles.update': { perByte: 4, perCall: 1024 },
  'settings.set': { perByte: 2, perCall: 256 },
  'sessions.create': { perByte: 2, perCall: 16 * 1024 },
  'sessions.update': { perByte: 8, perCall: 2048 },
  'sessions.act': { perByte: 8, perCall: 4096 },
  'sessions.attach': { perByte: 2, perCall: 2048 },
  'sessions.captionAttachment': { perByte: 8, perCall: 2048 },
  'sessions.importEvidence': { perByte: 4, perCall: 16 * 1024 },
};

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const target = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(target) : statSync(target).size;
  }
  return total;
}

const start = servicesOnTempFolders('st-amplify-');

async function measure(services: Services, dataDir: string, method: string, input: unknown) {
  const before = folderBytes(dataDir);
  const envelope = await services.dispatch(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  const stored = folderBytes(dataDir) - before;
  const sent = Buffer.byteLength(JSON.stringify(input));
  return { stored, sent, value: envelope.value };
}

function expectBounded(method: string, figures: { stored: number; sent: number }) {
  const bound = BOUNDS[method]!;
  const allowed = bound.perByte * figures.sent + (bound.perCall ?? 0);
  console.log(
    `${method}: ${figures.stored} bytes stored for ${figures.sent} sent (${(figures.stored / figures.sent).toFixed(2)} per byte; allowed ${allowed})`,
  );
  expect(figures.stored, `${method} stored ${figures.stored} bytes for ${figures.sent} sent`).toBeLessThanOrEqual(allowed);
}

const tinyProfile = (i: number) => ({ name: `p${i}`, engine: 'sqlserver', host: 'h', port: 1433, database: 'd', user: 'u' });

describe('bytes stored per byte sent, for every write method', () => {
  it('profiles, settings and what-if scenarios', async () => {
    const { services, dataDir } = await start();
    const servers = Array.from({ length: 100 }, (_, i) => ({ name: `s${i}` }));
    const environments = Array.from({ length: 50 }, (_, e) => ({ name: `e${e}`, emailThreads: 1, servers: e === 0 ? servers : [{ name: 's' }] }));
    expectBounded('whatif.scenarios.save', await measure(services, dataDir, 'whatif.scenarios.save', { name: 'w', input: { environments } }));

    const created = await measure(services, dataDir, 'profiles.create', { profile: tinyProfile(0) });
    expectBounded('profiles.create', created);
    const id = (created.value as { id: string }).id;
    expectBounded('profiles.update', await measure(services, dataDir, 'profiles.update', { id, profile: { ...tinyProfile(0), notes: 'n'.repeat(2000) } }));
    const file = {
      format: 'support-toolkit.profiles',
      version: 1,
      exportedAt: '2026-12-01T00:00:00.000Z',
      profiles: Array.from({ length: MAX_IMPORT_PROFILES }, (_, i) => tinyProfile(i + 1)),
    };
    expectBounded('profiles.import', await measure(services, dataDir, 'profiles.import', { json: JSON.stringify(file) }));
    expectBounded('settings.set', await measure(services, dataDir, 'settings.set', { engineerName: 'e' }));
  });

  it('sessions: create, update, act, attach, caption', async () => {
    const { services, dataDir } = await start();
    const created = await measure(services, dataDir, 'sessions.create', { playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'E' });
    expectBounded('sessions.create', created);
    const id = (created.value as { session: { id: string } }).session.id;
    expectBounded('sessions.update', await measure(services, dataDir, 'sessions.update', { id, ticket: 'T' }));
    expectBounded('sessions.act', await measure(services, dataDir, 'sessions.act', { id, action: { type: 'answer', facts: { 'symptom.evidence': 'x' } } }));
    const attached = await measure(services, dataDir, 'sessions.attach', { id, fileName: 'a.png', contentBase64: makePng(8, 8).toString('base64') });
    expectBounded('sessions.attach', attached);
    const attachmentId = (attached.value as { session: { attachments: Array<{ id: string }> } }).session.attachments[0]!.id;
    expectBounded('sessions.captionAttachment', await measure(services, dataDir, 'sessions.captionAttachment', { id, attachmentId, caption: 'c' }));
  });

  it('sessions: import evidence', async () => {
    const { services, dataDir } = await start();
    const created = await services.dispatch('sessions.create', { playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'E' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { session: { id: string } }).session.id;
    const csv = `Time,Message\n2026-12-01 10:00:00,432 4.3.2 Concurrent connections limit exceeded\n`;
    expectBounded(
      'sessions.importEvidence',
      await measure(services, dataDir, 'sessions.importEvidence', { id, fileName: 'e.csv', contentBase64: Buffer.from(csv).toString('base64') }),
    );
  });
});
