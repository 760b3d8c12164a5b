import type { whatIfMethods } from '../../../shared/api/methods/whatif';
import type { HandlersFor, ServiceDeps } from '../context';

export function createWhatIfService(_deps: ServiceDeps) {
  const handlers: HandlersFor<typeof whatIfMethods> = {};
  return { handlers };
}
export type WhatIfService = ReturnType<typeof createWhatIfService>;
