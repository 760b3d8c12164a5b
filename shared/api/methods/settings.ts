import { z } from 'zod';
import { method } from '../define';
import { settingsPatchSchema, type Settings } from '../../settings';

/** The engineer's preferences (theme, page size, name in reports), kept in settings.json. */
export const settingsMethods = {
  'settings.get': method(z.object({}).strict()).returns<Settings>(),
  'settings.set': method(settingsPatchSchema).returns<Settings>(),
};
