import type { PublicEngine } from './schema';

/**
 * What "Test connection" reports, in words. A failure names its category so the page can say
 * what to check; `details` keeps the driver's code and message for a support ticket.
 */
export type ConnectionFailureCategory =
  | 'host_not_found'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'login_failed'
  | 'database_not_found'
  | 'schema_not_found'
  | 'permission_denied'
  | 'protocol'
  | 'password_needed'
  | 'cancelled'
  | 'other';

export interface ConnectionTestStep {
  id: 'reached' | 'authenticated' | 'version' | 'ossys' | 'log';
  label: string;
  ok: boolean;
  /** e.g. the engine version, or why OSSYS_PARAMETER could not be read. */
  detail?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  engine: PublicEngine;
  /** Where it connected, without credentials: "sql01.contoso.local:1433 / outsystems". */
  target: string;
  steps: ConnectionTestStep[];
  version?: string;
  elapsedMs: number;
  failure?: { category: ConnectionFailureCategory; message: string; details?: string };
  /** Said whatever the outcome: e.g. that the password travelled unencrypted (shared/profiles/unencrypted.ts). */
  warning?: string;
}
