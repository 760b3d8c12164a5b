import { compareScores, describeKept, type EnvOption, type Score } from './env-options';
import type { MailboxModel } from './model';
import { sumScores, titleOf, type MailboxOption } from './plans';
import { productionOf, type SplitChoice } from './split-plans';
import type { PlanChange } from './types';
import { listInWords } from './wording';

/**
 * What one over-limit mailbox contributes to a whole plan: either options of its environments on
 * the same mailbox, or a split onto new mailboxes. The engine describes both the same way.
 */
export interface PlanPart {
  mailboxKey: string;
  /** Connections after the plan on every mailbox this part leaves (the shared one, and any new one). */
  connections: Array<{ label: string; connections: number }>;
  score: Score;
  changes: PlanChange[];
  /** Mailboxes the plan needs created, by the label it gives them. */
  newMailboxes: string[];
  /** Email-sending servers the production environments keep. */
  productionServers: number;
  title(environmentCount: number): string;
}

const envTitle = (o: EnvOption) => `${o.env.name}: ${describeKept(o)}${o.changes.length === 0 ? ' (unchanged)' : ''}`;

function sameMailboxPart(option: MailboxOption): PlanPart {
  const production = new Set(productionOf(option.mailbox));
  return {
    mailboxKey: option.mailbox.key,
    connections: [{ label: option.mailbox.label, connections: option.score.connections }],
    score: option.score,
    changes: option.options.flatMap((o) => o.changes),
    newMailboxes: [],
    productionServers: option.options.filter((o) => production.has(o.env)).reduce((n, o) => n + o.kept.length, 0),
    title: (environmentCount) => titleOf([option], environmentCount),
  };
}

function splitPart(split: SplitChoice): PlanPart {
  const options = split.groups.flatMap((g) => g.option.options);
  const moved = split.groups.filter((g) => g.isNew).flatMap((g) => g.environments.map((e) => e.name));
  const heading =
    split.kind === 'non-production'
      ? `Give ${listInWords(moved)} (non-production) ${moved.length > 1 ? 'a mailbox of their own' : 'its own mailbox'}`
      : 'Give each environment its own mailbox';
  return {
    mailboxKey: split.mailbox.key,
    connections: split.groups.map((g) => ({ label: g.label, connections: g.option.score.connections })),
    score: { ...sumScores(split.groups.map((g) => g.option.score)), changes: split.changes.length },
    changes: split.changes,
    newMailboxes: split.groups.filter((g) => g.isNew).map((g) => g.label),
    productionServers: split.productionServers,
    title: () => `${heading}: ${options.map(envTitle).join('; ')}`,
  };
}

/** Whole plans on the same mailboxes, as parts in the order of the farm's mailboxes. */
export function sameMailboxParts(choice: MailboxOption[]): PlanPart[] {
  return choice.map(sameMailboxPart);
}

/**
 * One whole plan per split: the split for its mailbox, every other fixable mailbox at its best
 * option, in the order of the farm's mailboxes.
 */
export function splitPlans(fixable: MailboxOption[][], splits: SplitChoice[][], models: MailboxModel[]): PlanPart[][] {
  const order = (part: PlanPart) => models.findIndex((m) => m.key === part.mailboxKey);
  return splits.flat().map((split) => {
    const others = fixable.filter((list) => list[0]!.mailbox.key !== split.mailbox.key).map((list) => sameMailboxPart(list[0]!));
    return [...others, splitPart(split)].sort((a, b) => order(a) - order(b));
  });
}

const productionKept = (choice: PlanPart[]) => choice.reduce((n, p) => n + p.productionServers, 0);

/**
 * Plans on the same mailboxes keep their order (servers, connections, fewest changes). A split, which
 * costs a new mailbox, goes just ahead of the first of them that keeps fewer of production's
 * email-sending servers (e.g. production cut to 1 server x 1 thread), else after all of them.
 */
export function rankPlans(sameMailbox: PlanPart[][], splits: PlanPart[][]): PlanPart[][] {
  // Plans equal by every count: the one that keeps more of production's servers first.
  const score = (choice: PlanPart[]) => sumScores(choice.map((p) => p.score));
  const ranked = [...sameMailbox].sort((a, b) => compareScores(score(a), score(b)) || productionKept(b) - productionKept(a));
  for (const split of splits) {
    const kept = productionKept(split);
    const at = ranked.findIndex((choice) => !isSplit(choice) && productionKept(choice) < kept);
    ranked.splice(at === -1 ? ranked.length : at, 0, split);
  }
  return ranked;
}

const isSplit = (choice: PlanPart[]) => choice.some((p) => p.newMailboxes.length > 0);
