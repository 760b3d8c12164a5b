import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFromUrl, openConnection, parseConnectionUrl, type ConnectTarget } from '../../electron/services/db/connect';
import { DbConnectError } from '../../electron/services/db/errors';
import { testConnection } from '../../electron/services/profiles/test-connection';
import { describeTarget } from '../../electron/services/db/target';
import { garbageServer, hangingServer, refusedPort, type FakeServer } from '../support/fake-servers';

/**
 * Test connection against real sockets: a port nothing listens on, a listener that accepts and
 * never answers, one that answers with garbage; through the real mssql/tedious and oracledb
 * (thin) drivers. Short timeouts keep them quick.
 */
const PASSWORD = 'Sup3r-Secret-Passw0rd';
const CONNECT_SECONDS = 1.5;

function target(engine: 'sqlserver' | 'oracle', port: number, host = '127.0.0.1'): ConnectTarget {
  return engine === 'sqlserver'
    ? {
        engine,
        host,
        port,
        database: 'outsystems',
        auth: 'sql',
        user: 'os_admin',
        password: PASSWORD,
        encrypt: false,
        trustServerCertificate: false,
        connectSeconds: CONNECT_SECONDS,
        querySeconds: 2,
      }
    : { engine, host, port, serviceName: 'ORCLPDB1', user: 'os_admin', password: PASSWORD, connectSeconds: CONNECT_SECONDS, querySeconds: 2 };
}

async function failureOf(t: ConnectTarget, signal?: AbortSignal): Promise<DbConnectError> {
  try {
    const conn = await openConnection(t, { signal });
    await conn.close();
  } catch (error) {
    return error as DbConnectError;
  }
  throw new Error('connected to a fake server');
}

let hang: FakeServer;
let garbage: FakeServer;
let refused: number;
beforeAll(async () => {
  [hang, garbage, refused] = await Promise.all([hangingServer(), garbageServer(), refusedPort()]);
});
afterAll(async () => {
  await Promise.all([hang.close(), garbage.close()]);
});

for (const engine of ['sqlserver', 'oracle'] as const) {
  const name = engine === 'sqlserver' ? 'SQL Server (mssql/tedious)' : 'Oracle (oracledb thin)';
  describe(`${name}: connection failures in words`, () => {
    it('a closed port is "connection refused"', async () => {
      const error = await failureOf(target(engine, refused));
      expect(error).toBeInstanceOf(DbConnectError);
      expect(error.category).toBe('refused');
      expect(error.message).toMatch(new RegExp(`Connection refused by 127\\.0\\.0\\.1:${refused}: nothing is listening`));
      expect(error.details).toMatch(/ECONNREFUSED/);
    });

    it(`a listener that never answers times out after ${CONNECT_SECONDS} s`, async () => {
      const error = await failureOf(target(engine, hang.port));
      expect(error.category).toBe('timeout');
      expect(error.message).toMatch(/^Timed out after 1\.5 s: 127\.0\.0\.1:\d+ did not answer/);
    });

    it('a listener that sends garbage is "answered, but not like the database"', async () => {
      const error = await failureOf(target(engine, garbage.port));
      expect(error.category).toBe('protocol');
      expect(error.message).toMatch(/answered, but not like (SQL Server|Oracle)/);
    });

    it('cancel stops a connect that would otherwise wait for the timeout', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await failureOf({ ...target(engine, hang.port), connectSeconds: 30 }, controller.signal);
      expect(error.code).toBe('cancelled');
    });

    it('test connection reports steps and the failure, never the password, never a stack', async () => {
      const t = target(engine, refused);
      const result = await testConnection({
        engine,
        target: describeTarget(t),
        scope: 'x',
        open: (signal) => openConnection(t, { signal }),
        signal: new AbortController().signal,
        progress: () => undefined,
        secrets: [PASSWORD],
      });
      expect(result.ok).toBe(false);
      expect(result.steps).toEqual([{ id: 'reached', label: 'Server not reached', ok: false }]);
      expect(result.failure?.category).toBe('refused');
      const text = JSON.stringify(result);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toMatch(/\n\s+at /);
    });
  });
}

describe('TEST_MSSQL_URL / TEST_ORACLE_URL format', () => {
  it('parses both engines, decoding user and password', () => {
    expect(parseConnectionUrl('mssql://sa:p%40ss@db:1444/outsystems?encrypt=false&trustServerCertificate=true')).toMatchObject({
      engine: 'sqlserver',
      host: 'db',
      port: 1444,
      user: 'sa',
      password: 'p@ss',
      database: 'outsystems',
      encrypt: false,
      trustServerCertificate: true,
    });
    expect(parseConnectionUrl('oracle://os:pw@ora:1521/ORCLPDB1?schema=OSADMIN')).toMatchObject({
      engine: 'oracle',
      host: 'ora',
      port: 1521,
      serviceName: 'ORCLPDB1',
      schema: 'OSADMIN',
    });
    expect(() => parseConnectionUrl('mysql://x@y/z')).toThrow(/must start with mssql:\/\/ or oracle:\/\//);
    expect(() => parseConnectionUrl('oracle://a:b@h/s?schema=a;b')).toThrow(/plain Oracle name/);
  });
});

const realServers = [
  { engine: 'sqlserver', url: process.env.TEST_MSSQL_URL, variable: 'TEST_MSSQL_URL' },
  { engine: 'oracle', url: process.env.TEST_ORACLE_URL, variable: 'TEST_ORACLE_URL' },
] as const;

for (const server of realServers) {
  describe(`test connection on a real ${server.engine} server`, () => {
    it.skipIf(!server.url)(`reaches, signs in, reads the version and OSSYS_PARAMETER (skipped: set ${server.variable} to run)`, async () => {
      const t = parseConnectionUrl(server.url!);
      const result = await testConnection({
        engine: t.engine,
        target: describeTarget(t),
        scope: 'the configured database',
        open: (signal) => openConnection(t, { signal }),
        signal: new AbortController().signal,
        progress: () => undefined,
        secrets: [t.password],
      });
      expect(result.steps.slice(0, 3).every((s) => s.ok)).toBe(true);
      expect(result.version).toBeTruthy();
      expect(JSON.stringify(result)).not.toContain(t.password);
    });

    it.skipIf(!server.url)(`a wrong password is "login failed" (skipped: set ${server.variable} to run)`, async () => {
      const t = { ...parseConnectionUrl(server.url!), password: 'definitely-wrong-password' };
      const error = await failureOf(t);
      expect(error.category).toBe('login_failed');
      expect(error.message).not.toContain('definitely-wrong-password');
    });

    it.skipIf(!server.url)(`runs a query with upper-case columns (skipped: set ${server.variable} to run)`, async () => {
      const conn = await connectFromUrl(server.url!);
      try {
        const rows = await conn.query(server.engine === 'oracle' ? 'SELECT 1 AS one FROM DUAL' : 'SELECT 1 AS one');
        expect(rows[0]).toHaveProperty('ONE');
      } finally {
        await conn.close();
      }
    });
  });
}

describe('test connection through the API', () => {
  it('app.cancel stops a test that waits on a server that never answers', async () => {
    const { createServices } = await import('../../electron/services/create-services');
    const { createNoticeBoard } = await import('../../electron/services/context');
    const { tempDataDir, removeDir } = await import('../support/host');
    const dataDir = tempDataDir('st-test-cancel-');
    const services = await createServices({ dataDir, hostKind: 'browser', appVersion: 'test', notices: createNoticeBoard() });
    const { createInProcessClient } = await import('../../electron/services/in-process-client');
    const api = createInProcessClient(services);
    const progress: string[] = [];
    const profile = {
      name: 'Hang',
      engine: 'sqlserver' as const,
      host: '127.0.0.1',
      port: hang.port,
      database: 'outsystems',
      user: 'os',
      password: PASSWORD,
      timeouts: { connectSeconds: 60, querySeconds: 30 },
    };
    const running = api['profiles.test']({ profile }, { callId: 'c1', onProgress: (p) => progress.push(p.message) });
    await new Promise((r) => setTimeout(r, 200));
    expect(await api['app.cancel']({ callId: 'c1' })).toEqual({ cancelled: true });
    const result = await running;
    expect(result).toMatchObject({ ok: false, failure: { category: 'cancelled' } });
    expect(progress[0]).toMatch(/^Connecting to 127\.0\.0\.1:\d+ \/ outsystems$/);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    await services.close();
    removeDir(dataDir);
  });
});
