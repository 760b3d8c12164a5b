import type { DbConnection } from '../db/types';
import { oraclePlatformOwnerSql } from './sql/introspect';
import { text } from './values';

/**
 * On Oracle the OSSYS tables belong to the platform owner (usually OSADMIN, domain.md 4a). When
 * the user owns none of them and the environment sets no platform schema, every plain OSSYS name
 * fails or the catalog lists nothing: say that, and how to fix it, instead of "table not found".
 * Returns null on other engines, when a schema is set, or when the check itself cannot run.
 */
export async function missingPlatformSchema(tx: DbConnection, signal?: AbortSignal): Promise<string | null> {
  if (tx.engine !== 'oracle') return null;
  try {
    const [row] = await tx.query<Record<string, unknown>>(oraclePlatformOwnerSql, {}, { signal });
    const user = text(row?.SESSION_USER_NAME);
    const schema = text(row?.CURRENT_SCHEMA_NAME);
    const owned = Number(row?.OWNED_TABLES ?? 0);
    if (!user || (schema && schema.toUpperCase() !== user.toUpperCase()) || owned > 0) return null;
    return `The user ${user} owns no OSSYS tables and no platform schema is set: set Platform schema to the owner, usually OSADMIN, in the environment`;
  } catch {
    return null;
  }
}
