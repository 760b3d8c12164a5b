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

/** A scenario is a handful of environments of a few servers each: these bounds leave room and stop a flood. */
export const MAX_SCENARIO_BYTES = 64 * 1024;
export const MAX_SCENARIO_ENVIRONMENTS = 50;
export const MAX_SCENARIO_SERVERS = 100;
export const MAX_SCENARIOS = 200;

/** The calculator's input, held to the bounds before its schema walks it. */
export const scenarioInputSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const size = new TextEncoder().encode(JSON.stringify(value) ?? '').length;
    if (size > MAX_SCENARIO_BYTES) {
      ctx.addIssue({ code: 'custom', message: `A scenario can be at most ${MAX_SCENARIO_BYTES / 1024} KB (this one is ${Math.ceil(size / 1024)} KB)` });
      return;
    }
    const environments = (value as { environments?: unknown } | null)?.environments;
    if (!Array.isArray(environments)) return;
    if (environments.length > MAX_SCENARIO_ENVIRONMENTS) {
      ctx.addIssue({ code: 'custom', path: ['environments'], message: `A scenario can have at most ${MAX_SCENARIO_ENVIRONMENTS} environments` });
    }
    environments.forEach((environment: unknown, e) => {
      const servers = (environment as { servers?: unknown } | null)?.servers;
      if (Array.isArray(servers) && servers.length > MAX_SCENARIO_SERVERS) {
        ctx.addIssue({ code: 'custom', path: ['environments', e, 'servers'], message: `An environment can have at most ${MAX_SCENARIO_SERVERS} servers` });
      }
    });
  })
  .pipe(budgetInputSchema);

export const scenarioNameSchema = z.string().trim().min(1, 'Give the scenario a name').max(120, 'Keep the name under 120 characters');

const idSchema = z.object({ id: z.string().min(1).max(100) }).strict();

export const whatIfMethods = {
  /** Saved scenarios, most recently changed first. */
  'whatif.scenarios.list': method(z.object({}).strict()).returns<WhatIfScenarioSummary[]>(),
  'whatif.scenarios.get': method(idSchema).returns<WhatIfScenario>(),
  /** Creates a scenario, or replaces the one with `id`. Names are unique (case-insensitive); at most MAX_SCENARIOS are kept. */
  'whatif.scenarios.save': method(
    z.object({ id: z.string().min(1).max(100).optional(), name: scenarioNameSchema, input: scenarioInputSchema }).strict(),
  ).returns<WhatIfScenario>(),
  'whatif.scenarios.delete': method(idSchema).returns<{ deleted: boolean }>(),
};
