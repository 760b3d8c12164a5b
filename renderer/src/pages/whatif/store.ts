import { create } from 'zustand';
import type { WhatIfScenarioSummary } from '../../../../shared/api/methods/whatif';
import type { BudgetResult } from '../../../../shared/capacity/types';
import { api } from '../../api/client';
import { withErrorBanner } from '../../stores/ui';
import { defaultDraft, evaluate, inputToDraft, type Evaluation, type WhatIfDraft } from './draft';

interface WhatIfState {
  draft: WhatIfDraft;
  evaluation: Evaluation;
  /** The result of the last valid input: stays on screen while the input has errors. */
  lastResult: BudgetResult | null;
  /** The saved scenario the draft came from, if any. */
  scenario: { id: string; name: string } | null;
  /** The draft as last saved, opened or started: the input differs from it when it has unsaved changes. */
  baseline: string;
  scenarios: WhatIfScenarioSummary[];
  edit(change: (draft: WhatIfDraft) => WhatIfDraft): void;
  reset(): void;
  loadScenarios(): Promise<void>;
  save(name: string, asNew: boolean): Promise<boolean>;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Whether the input has changes that no saved scenario holds. */
export function hasUnsavedChanges(state: Pick<WhatIfState, 'draft' | 'baseline'>): boolean {
  return JSON.stringify(state.draft) !== state.baseline;
}

function withDraft(draft: WhatIfDraft, previous: BudgetResult | null) {
  const evaluation = evaluate(draft);
  return { draft, evaluation, lastResult: evaluation.result ?? previous };
}

const initial = defaultDraft();

export const useWhatIf = create<WhatIfState>((set, get) => ({
  ...withDraft(initial, null),
  scenario: null,
  baseline: JSON.stringify(initial),
  scenarios: [],
  edit(change) {
    set((state) => withDraft(change(state.draft), state.lastResult));
  },
  reset() {
    const draft = defaultDraft();
    set((state) => ({ ...withDraft(draft, state.lastResult), scenario: null, baseline: JSON.stringify(draft) }));
  },
  async loadScenarios() {
    const scenarios = await withErrorBanner(() => api['whatif.scenarios.list']({}));
    if (scenarios) set({ scenarios });
  },
  async save(name, asNew) {
    const { evaluation, scenario, draft } = get();
    if (!evaluation.input) return false;
    const input = evaluation.input;
    const saved = await withErrorBanner(() => api['whatif.scenarios.save']({ ...(scenario && !asNew ? { id: scenario.id } : {}), name, input }));
    if (!saved) return false;
    set({ scenario: { id: saved.id, name: saved.name }, baseline: JSON.stringify(draft) });
    await get().loadScenarios();
    return true;
  },
  async open(id) {
    const scenario = await withErrorBanner(() => api['whatif.scenarios.get']({ id }));
    if (!scenario) return;
    const draft = inputToDraft(scenario.input);
    set((state) => ({ ...withDraft(draft, state.lastResult), scenario: { id: scenario.id, name: scenario.name }, baseline: JSON.stringify(draft) }));
  },
  async remove(id) {
    const done = await withErrorBanner(() => api['whatif.scenarios.delete']({ id }));
    if (!done) return;
    if (get().scenario?.id === id) set({ scenario: null });
    await get().loadScenarios();
  },
}));
