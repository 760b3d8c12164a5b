import { create } from 'zustand';
import { ApiError } from '../../../shared/api/errors';

export const PAGES = [
  { id: 'environments', label: 'Environments' },
  { id: 'troubleshoot', label: 'Troubleshoot' },
  { id: 'whatif', label: 'What-if' },
  { id: 'reports', label: 'Reports' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export interface Route {
  page: PageId;
  /** What follows the page in the address, e.g. a session id: `#/troubleshoot/<id>`. */
  rest: string[];
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = PAGES.find((p) => p.id === parts[0])?.id ?? 'environments';
  return { page, rest: page === parts[0] ? parts.slice(1) : [] };
}

export function routeToHash(route: Route): string {
  return `#/${[route.page, ...route.rest].map(encodeURIComponent).join('/')}`;
}

export interface BannerError {
  id: number;
  message: string;
  details?: string;
}

interface UiState {
  route: Route;
  errors: BannerError[];
  /** Notices the back end pushed while the page is open (those from start are in app.info). */
  notices: string[];
  settingsOpen: boolean;
  navigate(page: PageId, ...rest: string[]): void;
  syncFromHash(): void;
  showError(error: unknown): void;
  dismissError(id: number): void;
  addNotice(message: string): void;
  setSettingsOpen(open: boolean): void;
}

let nextErrorId = 1;

/** An error speaks of the page it happened on: another page starts without it. */
function leftOn(from: Route, to: Route, errors: BannerError[]): BannerError[] {
  return from.page === to.page ? errors : [];
}

export const useUi = create<UiState>((set) => ({
  route: parseHash(typeof window === 'undefined' ? '' : window.location.hash),
  errors: [],
  notices: [],
  settingsOpen: false,
  navigate(page, ...rest) {
    const route = { page, rest };
    const hash = routeToHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set((state) => ({ route, errors: leftOn(state.route, route, state.errors) }));
  },
  syncFromHash() {
    const route = parseHash(window.location.hash);
    set((state) => ({ route, errors: leftOn(state.route, route, state.errors) }));
  },
  showError(error) {
    const message = error instanceof Error ? error.message : String(error);
    const details = error instanceof ApiError ? error.details : undefined;
    set((state) => ({
      errors: [...state.errors.filter((e) => e.message !== message), { id: nextErrorId++, message, details }].slice(-3),
    }));
  },
  dismissError(id) {
    set((state) => ({ errors: state.errors.filter((e) => e.id !== id) }));
  },
  addNotice(message) {
    set((state) => (state.notices.includes(message) ? state : { notices: [...state.notices, message] }));
  },
  setSettingsOpen(open) {
    set({ settingsOpen: open });
  },
}));

/** Runs an API call and shows its error in the banner instead of throwing; returns undefined on error. */
export async function withErrorBanner<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    useUi.getState().showError(error);
    return undefined;
  }
}
