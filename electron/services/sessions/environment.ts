import { ApiError } from '../../../shared/api/errors';
import type { EnvironmentSnapshot, Session } from '../../../shared/wizard/types';
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME } from '../demo/connect';
import type { ProfileService } from '../profiles';

/** What the session reads from a saved profile; the profile service may not offer every field. */
interface ProfileLike {
  name?: unknown;
  customer?: unknown;
  role?: unknown;
  engine?: unknown;
  host?: unknown;
  mailbox?: unknown;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * The environment as the session keeps it: names and host only, never a user, password or
 * connection string. Reads the profile service when it offers `get`; the built-in demo works
 * without it.
 */
export async function environmentOf(profiles: ProfileService, profileId: string | null, offlineName?: string): Promise<EnvironmentSnapshot> {
  if (profileId === null) {
    return { profileId: null, name: offlineName?.trim() || 'Offline environment', role: null, engine: 'manual', host: null, customer: null, mailbox: null };
  }
  const offered = profiles as unknown as { get?: (id: string) => Promise<unknown> | unknown };
  let profile: ProfileLike | null = null;
  if (typeof offered.get === 'function') {
    try {
      profile = ((await offered.get(profileId)) as ProfileLike | null) ?? null;
    } catch (error) {
      if (profileId !== DEMO_PROFILE_ID) throw error;
    }
  }
  if (!profile) {
    if (profileId !== DEMO_PROFILE_ID) throw new ApiError('not_found', 'No saved environment has that id', { field: 'profileId' });
    return { profileId, name: DEMO_PROFILE_NAME, role: 'Demo', engine: 'demo', host: null, customer: null, mailbox: null };
  }
  const engine = profile.engine === 'sqlserver' || profile.engine === 'oracle' || profile.engine === 'demo' ? profile.engine : 'manual';
  return {
    profileId,
    name: str(profile.name) ?? (profileId === DEMO_PROFILE_ID ? DEMO_PROFILE_NAME : profileId),
    role: str(profile.role),
    engine,
    host: str(profile.host),
    customer: str(profile.customer),
    mailbox: str(profile.mailbox),
  };
}

/** Marks the profile as used, when the profile service offers it; never fails the session. */
export async function touchProfile(profiles: ProfileService, profileId: string): Promise<void> {
  const offered = profiles as unknown as { touch?: (id: string) => Promise<unknown> | unknown };
  if (typeof offered.touch !== 'function') return;
  try {
    await offered.touch(profileId);
  } catch {
    // Recording "last used" is a convenience; the session goes on without it.
  }
}

/**
 * Saved environments whose profile names the mailbox this session sends through (the engineer's
 * answer first, else the profile's own): they share the mailbox's connection limit.
 */
export async function sameMailboxProfiles(profiles: ProfileService, session: Session): Promise<Array<{ profileId: string; name: string; mailbox: string }>> {
  const answered = session.facts.find((f) => f.key === 'mailbox')?.value;
  const mailbox = (typeof answered === 'string' ? str(answered) : null) ?? session.environment.mailbox;
  const offered = profiles as unknown as { list?: () => Promise<unknown> | unknown };
  if (!mailbox || typeof offered.list !== 'function') return [];
  let listed: unknown;
  try {
    listed = await offered.list();
  } catch {
    return [];
  }
  if (!Array.isArray(listed)) return [];
  return (listed as Array<ProfileLike & { id?: unknown }>)
    .filter((p) => typeof p.id === 'string' && p.id !== session.environment.profileId && str(p.mailbox)?.toLowerCase() === mailbox.toLowerCase())
    .map((p) => ({ profileId: p.id as string, name: str(p.name) ?? (p.id as string), mailbox: str(p.mailbox)! }));
}
