import path from 'node:path';
import type { settingsMethods } from '../../../shared/api/methods/settings';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/settings';
import type { HandlersFor, ServiceDeps } from '../context';
import { createJsonFile } from '../json-file';

export const SETTINGS_FILE = 'settings.json';

export function createSettingsService(deps: ServiceDeps) {
  const file = createJsonFile<Settings>({
    file: path.join(deps.dataDir, SETTINGS_FILE),
    version: 1,
    schema: settingsSchema,
    defaults: () => ({ ...defaultSettings }),
    onNotice: deps.notices.add,
  });
  const settingsHandlers: HandlersFor<typeof settingsMethods> = {
    'settings.get': () => file.read(),
    'settings.set': (patch) => file.update((current) => ({ ...current, ...patch })),
  };
  return { get: () => file.read(), handlers: settingsHandlers };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
