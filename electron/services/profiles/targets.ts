import type { ProfileFields } from '../../../shared/profiles/schema';
import type { ConnectTarget } from '../db/target';

export type Purpose = 'platform' | 'log';

/**
 * The connection target of a profile for one purpose. A 'log' connection points at the log
 * catalog (SQL Server) or schema (Oracle) when the profile has one, with its own login when given.
 */
export function targetOf(profile: ProfileFields, purpose: Purpose, passwords: { platform: string; log?: string }): ConnectTarget {
  const useLogLogin = purpose === 'log' && Boolean(profile.logUser);
  const user = useLogLogin ? profile.logUser : profile.user;
  const password = useLogLogin ? (passwords.log ?? '') : passwords.platform;
  const timeouts = { connectSeconds: profile.timeouts.connectSeconds, querySeconds: profile.timeouts.querySeconds };
  if (profile.engine === 'sqlserver') {
    return {
      engine: 'sqlserver',
      host: profile.host,
      port: profile.port,
      instanceName: profile.instanceName || undefined,
      database: purpose === 'log' && profile.logDatabase ? profile.logDatabase : profile.database,
      auth: profile.auth,
      domain: profile.domain || undefined,
      user,
      password,
      encrypt: profile.encrypt,
      trustServerCertificate: profile.trustServerCertificate,
      ...timeouts,
    };
  }
  return {
    engine: 'oracle',
    host: profile.host,
    port: profile.port,
    serviceName: profile.serviceName,
    connectString: profile.connectString || undefined,
    user,
    password,
    schema: (purpose === 'log' && profile.logSchema ? profile.logSchema : profile.schema) || undefined,
    ...timeouts,
  };
}
