import { ApiError } from '../../../shared/api/errors';
import type { EnvironmentSnapshot, Session } from '../../../shared/wizard/session';
import type { ProfileService } from '../profiles';

const str = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);

/**
 * The environment as the session keeps it: names and host only, never a user, password or
 * connection string. An unknown profile id is the profile service's not_found.
 */
export async function environmentOf(profiles: ProfileService, profileId: string | null, offlineName?: string): Promise<EnvironmentSnapshot> {
  if (profileId === null) {
    return { profileId: null, name: offlineName?.trim() || 'Offline environment', role: null, engine: 'manual', host: null, customer: null, mailbox: null };
  }
  const profile = await profiles.get(profileId);
  return {
    profileId,
    name: profile.name,
    role: str(profile.role),
    engine: profile.engine,
    host: str(profile.host),
    customer: str(profile.customer),
    mailbox: str(profile.mailbox),
    hosting: profile.hosting ?? 'self-managed',
  };
}

/** Marks the profile as used; never fails the session (recording "last used" is a convenience). */
export async function touchProfile(profiles: ProfileService, profileId: string): Promise<void> {
  await profiles.touch(profileId).catch(() => undefined);
}

/**
 * Saved environments whose profile names the mailbox this session sends through (the engineer's
 * answer first, else the profile's own): they share the mailbox's limit.
 */
export async function sameMailboxProfiles(
  profiles: ProfileService,
  session: Session,
  mailboxFact: string | undefined,
): Promise<Array<{ profileId: string; name: string; mailbox: string }>> {
  const answered = mailboxFact ? session.facts.find((f) => f.key === mailboxFact)?.value : undefined;
  const mailbox = (typeof answered === 'string' ? str(answered) : null) ?? session.environment.mailbox;
  if (!mailbox) return [];
  const listed = await profiles.list().catch(() => []);
  return listed
    .filter((p) => p.id !== session.environment.profileId && str(p.mailbox)?.toLowerCase() === mailbox.toLowerCase())
    .map((p) => ({ profileId: p.id, name: p.name, mailbox: str(p.mailbox)! }));
}

/** The saved environment a session reads from; an offline session is refused (its facts are typed in). */
export function onlineProfile(session: Session): string {
  if (session.offline || !session.environment.profileId) {
    throw new ApiError('invalid_input', 'This session works offline: type the facts in instead of reading them from a database.');
  }
  return session.environment.profileId;
}
