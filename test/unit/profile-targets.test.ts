import { describe, expect, it } from 'vitest';
import { targetOf } from '../../electron/services/profiles/targets';
import { profileFormSchema } from '../../shared/profiles/schema';

/** What the probes get from connect(id, { purpose }): the log catalog/schema when there is one. */
describe('connection target of a profile', () => {
  const sql = profileFormSchema.parse({ name: 'S', engine: 'sqlserver', host: 'sql01', port: 1433, database: 'outsystems', user: 'os', logDatabase: 'oslog' });
  const ora = profileFormSchema.parse({
    name: 'O',
    engine: 'oracle',
    host: 'ora01',
    port: 1521,
    serviceName: 'PDB',
    user: 'os',
    schema: 'OSADMIN',
    logSchema: 'OSLOG',
    logUser: 'oslogreader',
  });

  it('SQL Server: platform uses the platform catalog, log the log catalog with the same login', () => {
    expect(targetOf(sql, 'platform', { platform: 'pw' })).toMatchObject({ database: 'outsystems', user: 'os', password: 'pw' });
    expect(targetOf(sql, 'log', { platform: 'pw' })).toMatchObject({ database: 'oslog', user: 'os', password: 'pw' });
  });

  it('Oracle: CURRENT_SCHEMA is the platform schema, or the log schema with the log login', () => {
    expect(targetOf(ora, 'platform', { platform: 'pw', log: 'lpw' })).toMatchObject({ schema: 'OSADMIN', user: 'os', password: 'pw' });
    expect(targetOf(ora, 'log', { platform: 'pw', log: 'lpw' })).toMatchObject({ schema: 'OSLOG', user: 'oslogreader', password: 'lpw' });
  });

  it('without a separate log database, a log connection is the platform one', () => {
    const plain = profileFormSchema.parse({ name: 'P', engine: 'sqlserver', host: 'h', port: 1433, database: 'outsystems', user: 'os' });
    expect(targetOf(plain, 'log', { platform: 'pw' })).toEqual(targetOf(plain, 'platform', { platform: 'pw' }));
  });
});
