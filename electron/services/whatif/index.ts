import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { budgetInputSchema } from '../../../shared/capacity/types';
import { ApiError } from '../../../shared/api/errors';
import { MAX_SCENARIOS, scenarioNameSchema, type WhatIfScenario, type whatIfMethods } from '../../../shared/api/methods/whatif';
import type { HandlersFor, ServiceDeps } from '../context';
import { createJsonFile } from '../json-file';

export const SCENARIOS_FILE = 'whatif-scenarios.json';

const scenarioSchema = z.object({
  id: z.string().min(1),
  name: scenarioNameSchema,
  input: budgetInputSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
const fileSchema = z.object({ scenarios: z.array(scenarioSchema) });
type ScenarioFile = z.infer<typeof fileSchema>;

/**
 * Saved what-if scenarios, one JSON file in the data folder. Schema version 1 also holds the
 * recipients quota fields (emailsPerDay, recipientsPerEmail, recipientsPerDay, recipientLimit,
 * quotaErrorSeen): they are optional additions, so files saved before them read unchanged and no
 * migration is needed. A change that is not purely additive bumps `version` with a migration.
 */
export function createWhatIfService(deps: ServiceDeps) {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const file = createJsonFile<ScenarioFile>({
    file: path.join(deps.dataDir, SCENARIOS_FILE),
    version: 1,
    schema: fileSchema,
    defaults: () => ({ scenarios: [] }),
    onNotice: deps.notices.add,
    // Written without indentation: deeply nested servers would otherwise store eight bytes per byte sent.
    compact: true,
  });

  const notFound = (id: string) => new ApiError('not_found', `No saved scenario with id ${id}; it may have been deleted.`, { field: 'id' });

  const handlers: HandlersFor<typeof whatIfMethods> = {
    'whatif.scenarios.list': async () => {
      const { scenarios } = await file.read();
      return [...scenarios]
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .map((s) => ({
          id: s.id,
          name: s.name,
          updatedAt: s.updatedAt,
          environments: s.input.environments.length,
          servers: s.input.environments.reduce((sum, e) => sum + e.servers.length, 0),
        }));
    },
    'whatif.scenarios.get': async ({ id }) => {
      const found = (await file.read()).scenarios.find((s) => s.id === id);
      if (!found) throw notFound(id);
      return found;
    },
    'whatif.scenarios.save': async ({ id, name, input }) => {
      let saved: WhatIfScenario | undefined;
      await file.update((current) => {
        const clash = current.scenarios.find((s) => s.name.toLowerCase() === name.toLowerCase() && s.id !== id);
        if (clash) throw new ApiError('conflict', `A scenario named "${clash.name}" already exists; choose another name.`, { field: 'name' });
        const stamp = now();
        const existing = id ? current.scenarios.find((s) => s.id === id) : undefined;
        if (id && !existing) throw notFound(id);
        if (!existing && current.scenarios.length >= MAX_SCENARIOS) {
          throw new ApiError('conflict', `At most ${MAX_SCENARIOS} scenarios can be saved; delete one you no longer need first.`, { field: 'name' });
        }
        saved = { id: existing?.id ?? randomUUID(), name, input, createdAt: existing?.createdAt ?? stamp, updatedAt: stamp };
        const others = current.scenarios.filter((s) => s.id !== saved!.id);
        return { scenarios: [...others, saved] };
      });
      return saved!;
    },
    'whatif.scenarios.delete': async ({ id }) => {
      let deleted = false;
      await file.update((current) => {
        deleted = current.scenarios.some((s) => s.id === id);
        return { scenarios: current.scenarios.filter((s) => s.id !== id) };
      });
      return { deleted };
    },
  };
  return { handlers };
}
