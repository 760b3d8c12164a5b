import { create } from 'zustand';
import type { ProfileCapabilities } from '../../../../shared/api/methods/profiles';
import type { ProfilePublic } from '../../../../shared/profiles/schema';
import { api } from '../../api/client';
import { withErrorBanner } from '../../stores/ui';

/**
 * The saved environments as the back end reports them (never a password), kept sorted by last
 * use as the back end sorts them; every change goes through the API first.
 */
interface EnvironmentsState {
  profiles: ProfilePublic[];
  capabilities: ProfileCapabilities | null;
  loaded: boolean;
  load(): Promise<void>;
  /** Puts one profile the API returned into the list (after save, unlock). */
  put(profile: ProfilePublic): void;
  remove(id: string): Promise<boolean>;
  duplicate(id: string): Promise<ProfilePublic | undefined>;
}

export const useEnvironments = create<EnvironmentsState>((set, get) => ({
  profiles: [],
  capabilities: null,
  loaded: false,
  async load() {
    await withErrorBanner(async () => {
      const [profiles, capabilities] = await Promise.all([api['profiles.list']({}), api['profiles.capabilities']({})]);
      set({ profiles, capabilities, loaded: true });
    });
  },
  put(profile) {
    const others = get().profiles.filter((p) => p.id !== profile.id);
    set({ profiles: [...others, profile] });
    void get().load();
  },
  async remove(id) {
    const done = await withErrorBanner(() => api['profiles.delete']({ id }));
    if (done) set({ profiles: get().profiles.filter((p) => p.id !== id) });
    return Boolean(done);
  },
  async duplicate(id) {
    const copy = await withErrorBanner(() => api['profiles.duplicate']({ id }));
    if (copy) await get().load();
    return copy;
  },
}));

/** Search over what a user would type: name, customer, host, database, role, engine, mailbox, notes. */
export function matchesSearch(profile: ProfilePublic, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  return [profile.name, profile.customer, profile.host, profile.role, profile.engine, profile.mailbox, profile.database, profile.serviceName, profile.notes]
    .join(' ')
    .toLocaleLowerCase()
    .includes(q);
}

/** A reason from the back end as a sentence: capital first letter, one full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.+$/, '');
  return trimmed ? `${trimmed[0]!.toUpperCase()}${trimmed.slice(1)}.` : '';
}
