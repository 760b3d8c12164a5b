import { z } from 'zod';
import { budgetInputSchema, type BudgetInputParsed } from '../../capacity/types';
import { method } from '../define';

/** A saved what-if scenario: a name and the calculator's input. */
export interface WhatIfScenario {
  id: string;
  name: string;
  input: BudgetInputParsed;
  createdAt: string;
  updatedAt: string;
}

export type WhatIfScenarioSummary = Pick<WhatIfScenario, 'id' | 'name' | 'updatedAt'> & {
  environments: number;
  servers: number;
};

export const scenarioNameSchema = z.string().trim().min(1, 'Give the scenario a name').max(120, 'Keep the name under 120 characters');

const idSchema = z.object({ id: z.string().min(1) }).strict();

export const whatIfMethods = {
  /** Saved scenarios, most recently changed first. */
  'whatif.scenarios.list': method(z.object({}).strict()).returns<WhatIfScenarioSummary[]>(),
  'whatif.scenarios.get': method(idSchema).returns<WhatIfScenario>(),
  /** Creates a scenario, or replaces the one with `id`. Names are unique (case-insensitive). */
  'whatif.scenarios.save': method(
    z.object({ id: z.string().min(1).optional(), name: scenarioNameSchema, input: budgetInputSchema }).strict(),
  ).returns<WhatIfScenario>(),
  'whatif.scenarios.delete': method(idSchema).returns<{ deleted: boolean }>(),
};
