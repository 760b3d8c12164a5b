import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/methods/app';
import { defaultSettings, type Settings, type SettingsPatch } from '../../../shared/settings';
import { api } from '../api/client';
import { withErrorBanner } from './ui';

interface SettingsState {
  settings: Settings;
  info: AppInfo | null;
  loaded: boolean;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<boolean>;
}

/** Applies the theme to the document; "system" follows the OS through CSS media queries. */
export function applyTheme(theme: Settings['theme']): void {
  document.documentElement.dataset.theme = theme;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: defaultSettings,
  info: null,
  loaded: false,
  async load() {
    const [settings, info] = await Promise.all([withErrorBanner(() => api['settings.get']({})), withErrorBanner(() => api['app.info']({}))]);
    if (settings) applyTheme(settings.theme);
    set((state) => ({ settings: settings ?? state.settings, info: info ?? state.info, loaded: true }));
  },
  async update(patch) {
    const settings = await withErrorBanner(() => api['settings.set'](patch));
    if (!settings) return false;
    applyTheme(settings.theme);
    set({ settings });
    return true;
  },
}));
