import { afterEach, describe, expect, it } from 'vitest';
import { openConnection, type ConnectTarget } from '../../electron/services/db/connect';
import { DbConnectError } from '../../electron/services/db/errors';
import { ENCRYPTION_REFUSED_MESSAGE } from '../../electron/services/db/tls-guard';
import { fakeTdsServer, login7Password, type FakeTdsServer, type TdsEncryptionAnswer } from '../support/fake-servers';

/**
 * "Encrypt" on a SQL Server profile: the Login7 packet (type 0x10, password only XOR-scrambled)
 * never leaves without TLS. A fake SQL Server on 127.0.0.1 answers the pre-login as told and
 * records every packet; the connection goes through openConnection, the path Test connection and
 * the probes use.
 */
const PASSWORD = 'Never-In-Clear-9';
const LOGIN7 = 0x10;
const PRELOGIN = 0x12;

const servers: FakeTdsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(answer: TdsEncryptionAnswer): Promise<FakeTdsServer> {
  const s = await fakeTdsServer(answer);
  servers.push(s);
  return s;
}

function target(port: number, encrypt: boolean): ConnectTarget {
  return {
    engine: 'sqlserver',
    host: '127.0.0.1',
    port,
    database: 'outsystems',
    auth: 'sql',
    user: 'os_admin',
    password: PASSWORD,
    encrypt,
    trustServerCertificate: true,
    connectSeconds: 3,
    querySeconds: 2,
  };
}

async function failureOf(t: ConnectTarget): Promise<DbConnectError> {
  try {
    const conn = await openConnection(t);
    await conn.close();
  } catch (error) {
    return error as DbConnectError;
  }
  throw new Error('connected to a fake server');
}

/** Every byte the client sent, to look for the password in any form. */
function allBytes(s: FakeTdsServer): Buffer {
  return Buffer.concat([...s.packets.map((p) => p.payload), ...s.unparsed]);
}

describe('SQL Server with Encrypt on: no login without TLS', () => {
  for (const answer of ['not-supported', 'off', 'absent'] as const) {
    it(`a server answering the pre-login with encryption "${answer}" never receives the login, and the message names the refusal`, async () => {
      const fake = await server(answer);
      const error = await failureOf(target(fake.port, true));
      expect(fake.packets.map((p) => p.type)).toContain(PRELOGIN);
      expect(fake.packets.map((p) => p.type)).not.toContain(LOGIN7);
      expect(fake.connections).toBe(1);
      expect(allBytes(fake).toString('utf16le')).not.toContain('os_admin');
      expect(error).toBeInstanceOf(DbConnectError);
      expect(error.category).toBe('tls');
      expect(error.message).toBe(ENCRYPTION_REFUSED_MESSAGE);
      expect(error.message).toMatch(/answered that it does not support encryption; the password was not sent/);
      expect(error.details).not.toContain(PASSWORD);
    });
  }

  it('a server answering "encryption on" gets a TLS handshake, not a login in clear', async () => {
    const fake = await server('on');
    const error = await failureOf(target(fake.port, true));
    // The second pre-login packet carries the TLS ClientHello (a TLS handshake record, 0x16).
    const prelogins = fake.packets.filter((p) => p.type === PRELOGIN);
    expect(prelogins.length).toBeGreaterThanOrEqual(2);
    expect(prelogins[1]!.payload[0]).toBe(0x16);
    expect(fake.packets.map((p) => p.type)).not.toContain(LOGIN7);
    expect(error).toBeInstanceOf(DbConnectError);
  });
});

/**
 * A self-signed certificate for the fake server on 127.0.0.1 only (CN=fake-sql.test, EC P-256),
 * made once with openssl for these tests. It protects nothing; the profile trusts it explicitly.
 */
const FAKE_SQL_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQglURuIQdlOf4SgsD6
5Irud1cO5VmFzD7lyfKhbccOFV2hRANCAARhhgAuw/VOos57+EZrsYpjCDriL8GA
4CMhlKdetv0sYe4KlcI88B5hI0Y9r58IygstJ90s4/Q3QC2jTIDB/s0C
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBiDCCAS2gAwIBAgIUBnmG+N153TtxbjqLysB+vdkc1q8wCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNZmFrZS1zcWwudGVzdDAgFw0yNjEyMDIwOTI1NTFaGA8yMTI2
MTEwODA5MjU1MVowGDEWMBQGA1UEAwwNZmFrZS1zcWwudGVzdDBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABGGGAC7D9U6iznv4RmuximMIOuIvwYDgIyGUp162/Sxh
7gqVwjzwHmEjRj2vnwjKCy0n3Szj9DdALaNMgMH+zQKjUzBRMB0GA1UdDgQWBBSK
c1w0afCVoHoJrjq+8UgGSlhVqjAfBgNVHSMEGDAWgBSKc1w0afCVoHoJrjq+8UgG
SlhVqjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQCv8KaPBkry
dzhBXIwugDzfCIR2tZeOgeLnQDk/wgzxHQIhAIzZUmY2/AKaTY06PUd4iZUPgF5N
1n9vXPAMmpMGUwkD
-----END CERTIFICATE-----
`,
};

describe('SQL Server with Encrypt on and a server that does TLS', () => {
  for (const answer of ['on', 'required'] as const) {
    it(`encryption "${answer}": the login goes, inside TLS only, and the connection opens`, async () => {
      const fake = await fakeTdsServer(answer, { acceptLogin: true, tls: FAKE_SQL_TLS });
      servers.push(fake);
      const conn = await openConnection(target(fake.port, true));
      await conn.close();
      const logins = fake.packets.filter((p) => p.type === LOGIN7);
      expect(logins).toHaveLength(1);
      expect(logins[0]!.inTls).toBe(true);
      expect(login7Password(logins[0]!.payload)).toBe(PASSWORD);
      // On the wire: the clear pre-login, the handshake in pre-login packets, then TLS records only.
      expect(fake.packets.filter((p) => !p.inTls).every((p) => p.type === PRELOGIN)).toBe(true);
      expect(fake.unparsed.length).toBeGreaterThan(0);
      expect(allBytes(fake).toString('utf16le')).not.toContain('os_admin');
    });
  }
});

describe('SQL Server with Encrypt off (the user chose it)', () => {
  it('still logs in against the same fake server: the login packet arrives and its answer is read', async () => {
    const fake = await server('not-supported');
    const error = await failureOf(target(fake.port, false));
    expect(fake.packets.map((p) => p.type)).toEqual([PRELOGIN, LOGIN7]);
    // What the guard protects: without TLS the password in Login7 is only scrambled, readable by anyone.
    expect(login7Password(fake.packets[1]!.payload)).toBe(PASSWORD);
    expect(error.category).toBe('login_failed');
    expect(error.message).toMatch(/Login failed for user os_admin/);
  });
});

describe('the guard itself', () => {
  it('refuses the login packet on a connection where TLS was not set up, even if the pre-login check were skipped', async () => {
    const { requireTlsBeforeLogin, assertGuardable } = await import('../../electron/services/db/tls-guard');
    const sent: string[] = [];
    const conn = {
      messageIo: { tlsNegotiationComplete: false },
      performTlsNegotiation: async () => undefined,
      sendLogin7Packet: () => void sent.push('login7'),
    };
    requireTlsBeforeLogin(conn);
    await expect(conn.performTlsNegotiation()).rejects.toThrow(/does not support encryption/);
    expect(() => conn.sendLogin7Packet()).toThrow(/the password was not sent/);
    expect(sent).toEqual([]);
    conn.messageIo.tlsNegotiationComplete = true;
    conn.sendLogin7Packet();
    expect(sent).toEqual(['login7']);
    // A driver without the methods the guard wraps is refused, not connected unguarded.
    expect(() => assertGuardable({})).toThrow(/cannot guarantee that the login is encrypted/);
  });
});
