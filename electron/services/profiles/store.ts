import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TIMEOUTS, storedProfileSchema } from '../../../shared/profiles/schema';
import type { NoticeBoard } from '../context';
import { createJsonFile } from '../json-file';

export const PROFILES_FILE = 'profiles.json';
export const PROFILES_VERSION = 3;

export const profilesDocSchema = z.object({
  profiles: z.array(storedProfileSchema),
  /** The built-in demo is not stored, but when it was last used is. */
  demoLastUsedAt: z.string().nullable().default(null),
});
export type ProfilesDoc = z.infer<typeof profilesDocSchema>;

/**
 * Version 1 kept the timeouts as two flat fields (`connectTimeoutSeconds`, `queryTimeoutSeconds`)
 * and had no demo entry; version 2 groups them under `timeouts`.
 */
export function migrateV1(data: unknown): unknown {
  const doc = (data ?? {}) as { profiles?: Array<Record<string, unknown>> };
  return {
    profiles: (doc.profiles ?? []).map(({ connectTimeoutSeconds, queryTimeoutSeconds, ...rest }) => ({
      ...rest,
      timeouts: {
        connectSeconds: typeof connectTimeoutSeconds === 'number' ? connectTimeoutSeconds : DEFAULT_TIMEOUTS.connectSeconds,
        querySeconds: typeof queryTimeoutSeconds === 'number' ? queryTimeoutSeconds : DEFAULT_TIMEOUTS.querySeconds,
      },
    })),
    demoLastUsedAt: null,
  };
}

/** Version 3 adds the database's time zone to each profile: empty, not known yet (domain.md 4d). */
export function migrateV2(data: unknown): unknown {
  const doc = (data ?? {}) as { profiles?: Array<Record<string, unknown>> };
  return { ...doc, profiles: (doc.profiles ?? []).map((p) => ({ timeZone: '', ...p })) };
}

/** The profiles file: versioned, atomic, corrupt file moved aside, serialised updates. */
export function createProfileStore(dataDir: string, notices: NoticeBoard) {
  return createJsonFile<ProfilesDoc>({
    file: path.join(dataDir, PROFILES_FILE),
    version: PROFILES_VERSION,
    schema: profilesDocSchema,
    defaults: () => ({ profiles: [], demoLastUsedAt: null }),
    migrations: { 1: migrateV1, 2: migrateV2 },
    onNotice: (message) => notices.add(message),
  });
}
