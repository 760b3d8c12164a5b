import type { DemoScenario } from '../../../shared/probes/types';
import { fiveServersSeed, incidentSeed, missingParameterSeed, unknownLayoutSeed } from './scenarios/concurrency';
import { quotaSeed } from './scenarios/quota';
import { sendAsSeed } from './scenarios/send-as';
import { smtpAuthSeed } from './scenarios/smtp-auth';
import { smtpConnectionSeed } from './scenarios/smtp-connection';
import type { DemoSeed } from './seed-model';

/**
 * The demo's scenarios by name: one file per playbook in ./scenarios (a seed model in
 * ./seed-model.ts, their texts in ./texts.ts, the SQL that stores them in ./sql-writer.ts). Times
 * are relative to `now`, so the data is always "recent"; a fixed pseudo-random sequence
 * (./random.ts) keeps every seed identical from one run to the next.
 */

/** The seed of each playbook's demo scenario (what demo.reset seeds). */
export const demoScenarioSeeds: Record<DemoScenario, (now: Date) => DemoSeed> = {
  concurrency: incidentSeed,
  'smtp-auth': smtpAuthSeed,
  quota: quotaSeed,
  'send-as': sendAsSeed,
  'smtp-connection': smtpConnectionSeed,
};

export const scenarioSeeds = {
  incident: incidentSeed,
  fiveServers: fiveServersSeed,
  missingParameter: missingParameterSeed,
  unknownLayout: unknownLayoutSeed,
  smtpAuth: smtpAuthSeed,
  quota: quotaSeed,
  sendAs: sendAsSeed,
  smtpConnection: smtpConnectionSeed,
} as const;
/** @internal */
export type ScenarioName = keyof typeof scenarioSeeds;
