import { z } from 'zod';
import { method } from '../define';
import type { ConnectionTestResult } from '../../profiles/connection-test';
import { profileFormSchema, profileIdSchema, type ProfilePublic } from '../../profiles/schema';

const byId = z.object({ id: profileIdSchema }).strict();

export interface ProfileCapabilities {
  /** False when this host cannot encrypt: passwords then live in memory for the session only. */
  canRememberPasswords: boolean;
  reason?: string;
}

export interface ImportPreview {
  /** Names of profiles that would be added. */
  added: string[];
  /** Names of saved profiles that would be replaced (same id, or same name). */
  replaced: string[];
  /** For each replaced profile, in the order of `replaced`: what the file changes in it. */
  replacements: ImportReplacement[];
}

export interface ImportReplacement {
  name: string;
  /** The fields the file changes, in words ("Host", "Port"); empty when it changes nothing. */
  changed: string[];
  /** A saved password (of the platform or of the log database) is dropped: where it goes changes. */
  dropsPassword: boolean;
}

export const profileMethods = {
  'profiles.list': method(z.object({}).strict()).returns<ProfilePublic[]>(),
  'profiles.capabilities': method(z.object({}).strict()).returns<ProfileCapabilities>(),
  'profiles.create': method(z.object({ profile: profileFormSchema }).strict()).returns<ProfilePublic>(),
  'profiles.update': method(z.object({ id: profileIdSchema, profile: profileFormSchema }).strict()).returns<ProfilePublic>(),
  'profiles.duplicate': method(byId).returns<ProfilePublic>(),
  'profiles.delete': method(byId).returns<{ deleted: true }>(),
  /** Gives the password for this session only (kept in the back end's memory, never saved). */
  'profiles.unlock': method(
    z.object({ id: profileIdSchema, password: z.string().min(1, 'Password is required').max(1024), logPassword: z.string().max(1024).optional() }).strict(),
  ).returns<ProfilePublic>(),
  /**
   * Connects with a saved profile (`id`) or an unsaved form (`profile`, plus `id` of the profile
   * being edited so its saved password is used when none is typed). Long: progress and cancel.
   */
  'profiles.test': method(
    z
      .object({ id: profileIdSchema.optional(), profile: profileFormSchema.optional() })
      .strict()
      .refine((v) => v.id !== undefined || v.profile !== undefined, { message: 'Give a saved profile id or a profile to test', path: ['id'] }),
    { long: true },
  ).returns<ConnectionTestResult>(),
  /** The profiles as a JSON file without secrets, for sharing with a team. */
  'profiles.export': method(z.object({ ids: z.array(profileIdSchema).optional() }).strict()).returns<{ fileName: string; json: string; count: number }>(),
  'profiles.importPreview': method(z.object({ json: z.string().max(5_000_000) }).strict()).returns<ImportPreview>(),
  'profiles.import': method(z.object({ json: z.string().max(5_000_000) }).strict()).returns<ImportPreview>(),
};
