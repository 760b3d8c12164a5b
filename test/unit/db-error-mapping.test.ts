import { describe, expect, it } from 'vitest';
import { classifyConnectError } from '../../electron/services/db/errors';

/**
 * Failures that need a real server to happen (wrong login, unknown database, TLS) as the drivers
 * report them: mssql/tedious ConnectionError (code + message, number on the inner error) and
 * node-oracledb errors (ORA-/NJS- text, errorNum).
 */
const sql = { engine: 'sqlserver' as const, where: 'sql01:1433', connectSeconds: 15, database: 'outsystems', user: 'os_admin', secrets: ['Hunter2-secret'] };
const ora = { engine: 'oracle' as const, where: 'ora01:1521', connectSeconds: 15, schema: 'OSADMIN', user: 'osadmin', secrets: ['Hunter2-secret'] };
const tedious = (code: string, message: string, number?: number) =>
  Object.assign(new Error(message), { code, originalError: Object.assign(new Error(message), { code, ...(number ? { number } : {}) }) });
const oracle = (message: string, errorNum = 0) => Object.assign(new Error(message), { errorNum, code: /^(\w+-\d+)/.exec(message)?.[1] });

describe('connect errors in words', () => {
  const cases: Array<[string, unknown, typeof sql | typeof ora, string, RegExp]> = [
    [
      'SQL Server wrong password',
      tedious('ELOGIN', "Login failed for user 'os_admin'.", 18456),
      sql,
      'login_failed',
      /^Login failed for user os_admin: the server was reached but rejected/,
    ],
    [
      'SQL Server unknown database',
      tedious('ELOGIN', 'Cannot open database "outsystems" requested by the login. The login failed.', 4060),
      sql,
      'database_not_found',
      /^Database "outsystems" was not found on sql01:1433/,
    ],
    [
      'SQL Server self-signed certificate',
      tedious('ESOCKET', 'Failed to connect to sql01:1433 - self-signed certificate'),
      sql,
      'tls',
      /Trust server certificate/,
    ],
    [
      'SQL Server unknown instance',
      tedious('EINSTLOOKUP', 'Failed to get response from SQL Server Browser on sql01'),
      sql,
      'host_not_found',
      /instance could not be found/,
    ],
    [
      'SQL Server unknown host',
      tedious('ESOCKET', 'Failed to connect to nohost:1433 - getaddrinfo ENOTFOUND nohost'),
      sql,
      'host_not_found',
      /^Host not found/,
    ],
    ['Oracle wrong password', oracle('ORA-01017: invalid username/password; logon denied', 1017), ora, 'login_failed', /^Login failed for user osadmin/],
    ['Oracle locked account', oracle('ORA-28000: The account is locked.', 28000), ora, 'login_failed', /account osadmin is locked/],
    [
      'Oracle unknown service',
      oracle('ORA-12514: Cannot connect to database. Service ORCL is not registered with the listener', 12514),
      ora,
      'database_not_found',
      /does not know that service name/,
    ],
    ['Oracle unknown schema', oracle('ORA-01435: user does not exist', 1435), ora, 'schema_not_found', /^Schema "OSADMIN" was not found/],
    [
      'Oracle unknown host',
      oracle('NJS-530: The host addresses or URLs provided by the connect string are incorrect or unresolvable in your network.'),
      ora,
      'host_not_found',
      /^Host not found/,
    ],
    ['Oracle bad connect string', oracle('NJS-515: error in Easy Connect connection string'), ora, 'other', /connect string is not valid/],
  ];
  for (const [name, error, ctx, category, message] of cases) {
    it(name, () => {
      const mapped = classifyConnectError(error, ctx);
      expect(mapped.category).toBe(category);
      expect(mapped.message).toMatch(message);
      expect(mapped.details?.length).toBeGreaterThan(5);
    });
  }

  it('scrubs the password from the sentence and the details, whatever the driver put in them', () => {
    const mapped = classifyConnectError(new Error('weird failure while sending Hunter2-secret to the server'), sql);
    expect(mapped.message).not.toContain('Hunter2-secret');
    expect(mapped.details).not.toContain('Hunter2-secret');
    expect(mapped.message).toContain('********');
  });
});
