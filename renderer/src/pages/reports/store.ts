import { create } from 'zustand';
import type { ReportEntry } from '../../../../shared/api/methods/reports';
import { api } from '../../api/client';
import { withErrorBanner } from '../../stores/ui';

interface ReportsState {
  reports: ReportEntry[];
  loaded: boolean;
  load(): Promise<void>;
  remove(id: string): Promise<boolean>;
}

/** The Reports list, a cache of `reports.list`. */
export const useReports = create<ReportsState>((set, get) => ({
  reports: [],
  loaded: false,
  async load() {
    const reports = await withErrorBanner(() => api['reports.list']({}));
    set({ reports: reports ?? get().reports, loaded: true });
  },
  async remove(id) {
    const result = await withErrorBanner(() => api['reports.delete']({ id }));
    if (!result) return false;
    set({ reports: get().reports.filter((r) => r.id !== id) });
    return true;
  },
}));
