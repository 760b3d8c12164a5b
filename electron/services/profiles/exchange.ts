import { ApiError } from '../../../shared/api/errors';
import type { ImportPreview } from '../../../shared/api/methods/profiles';
import { EXPORT_FORMAT, profilesExportSchema, type ProfilesExport, type StoredProfile } from '../../../shared/profiles/schema';

/** The profiles as a shareable file: every field except secrets and times. */
export function exportProfiles(profiles: StoredProfile[], now: Date): ProfilesExport {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    profiles: profiles.map(({ secret: _s, logSecret: _l, createdAt: _c, updatedAt: _u, lastUsedAt: _t, ...fields }) => fields),
  };
}

/** Parses a shared file, or says in words why it cannot be used. */
export function parseImport(json: string): ProfilesExport {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ApiError('invalid_input', 'The file is not valid JSON, so no profile was imported.', { field: 'json' });
  }
  const parsed = profilesExportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new ApiError('invalid_input', `The profiles file cannot be imported: ${issue?.message ?? 'it is not valid'}${where}. Nothing was changed.`, { field: 'json' });
  }
  return parsed.data;
}

export interface ImportPlanItem {
  incoming: ProfilesExport['profiles'][number];
  /** The saved profile it replaces, matched by id, else by name. */
  replaces?: StoredProfile;
}

export function planImport(file: ProfilesExport, saved: StoredProfile[]): ImportPlanItem[] {
  return file.profiles.map((incoming) => ({
    incoming,
    replaces:
      saved.find((p) => incoming.id !== undefined && p.id === incoming.id) ??
      saved.find((p) => p.name.toLocaleLowerCase() === incoming.name.toLocaleLowerCase()),
  }));
}

export function previewOf(plan: ImportPlanItem[]): ImportPreview {
  return {
    added: plan.filter((i) => !i.replaces).map((i) => i.incoming.name),
    replaced: plan.filter((i) => i.replaces).map((i) => i.incoming.name),
  };
}

/** A saved password stays with a replaced profile only if it still goes to the same server and user. */
export function keepsSecret(before: StoredProfile, after: Pick<StoredProfile, 'engine' | 'host' | 'port' | 'user' | 'connectString' | 'instanceName'>): boolean {
  return (
    before.engine === after.engine &&
    before.host === after.host &&
    before.port === after.port &&
    before.user === after.user &&
    before.connectString === after.connectString &&
    before.instanceName === after.instanceName
  );
}
