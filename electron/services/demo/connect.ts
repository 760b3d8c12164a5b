import type { DbConnection } from '../db/types';

/** The built-in profile id of the embedded demo environment. */
export const DEMO_PROFILE_ID = 'demo';
export const DEMO_PROFILE_NAME = 'Demo farm (embedded)';

/**
 * Opens the embedded demo platform database (sql.js) kept in the data folder, creating and
 * seeding it with the 432 incident on first use.
 */
export async function openDemoConnection(_dataDir: string): Promise<DbConnection> {
  throw new Error('The demo environment is being built');
}
