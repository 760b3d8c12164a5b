import { z } from 'zod';

export const themeSchema = z.enum(['system', 'light', 'dark']);
export const pageSizeSchema = z.enum(['A4', 'Letter']);

export const settingsSchema = z.object({
  theme: themeSchema.default('system'),
  /** Paper size of exported reports. */
  pageSize: pageSizeSchema.default('A4'),
  /** Shown as "engineer" on resolution reports. */
  engineerName: z.string().trim().max(120).default(''),
});
export type Settings = z.infer<typeof settingsSchema>;

/** The name on reports and on recorded changes until the engineer sets one in the settings. */
export const DEFAULT_ENGINEER_NAME = 'Support engineer';
export const defaultSettings: Settings = settingsSchema.parse({});

/** A partial update: only the fields given change. */
export const settingsPatchSchema = z
  .object({
    theme: themeSchema,
    pageSize: pageSizeSchema,
    engineerName: z.string().trim().max(120, 'Engineer name must be 120 characters or fewer'),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
