import { mailboxOptions, type MailboxOption } from './plans';
import type { EnvModel, MailboxModel } from './model';
import type { PlanChange } from './types';
import { listInWords } from './wording';

/**
 * Moving environments off a shared mailbox (domain.md section 2: the limit counts per mailbox, and
 * "one mailbox per application or environment" is Microsoft's own way out). When production, QA and
 * DEV share one mailbox, cutting production to one server and one thread leaves it without
 * redundancy for the sake of test environments; an engineer's first proposal is to give the others
 * a mailbox of their own. These plans cost a new mailbox, so they are ranked ahead only of plans
 * that keep fewer of production's email-sending servers.
 */

/** Names that say production: PRD, Prod, Production, Live (as a word of the name). */
const PRODUCTION = /(^|[^a-z])(prd|prod|production|live)([^a-z]|$)/i;

/**
 * The production environments on a mailbox: those whose name says so; when none does, the first
 * listed (the wizard lists the session's environment, the one whose emails fail, first; What-if
 * starts with PRD).
 */
export function productionOf(mailbox: MailboxModel): EnvModel[] {
  const named = mailbox.environments.filter((e) => PRODUCTION.test(e.name));
  return named.length ? named : sendingOf(mailbox).slice(0, 1);
}

/** Environments that send email through the mailbox today: the only ones worth moving. */
const sendingOf = (mailbox: MailboxModel) => mailbox.environments.filter((e) => e.servers.some((s) => s.sendsEmail));

/** One group of environments after a split, on one mailbox, with the best option within the limit. */
export interface SplitGroup {
  /** The mailbox as the plan names it: the shared one for the group that stays, "New mailbox for …" otherwise. */
  label: string;
  isNew: boolean;
  environments: EnvModel[];
  option: MailboxOption;
}

export interface SplitChoice {
  kind: 'non-production' | 'each-environment';
  /** The over-limit mailbox that is split. */
  mailbox: MailboxModel;
  groups: SplitGroup[];
  /** The moves, then every group's own changes. */
  changes: PlanChange[];
  /** Email-sending servers the production environments keep. */
  productionServers: number;
}

const newLabel = (environments: EnvModel[]) => `New mailbox for ${listInWords(environments.map((e) => e.name))}`;

/** The groups as one split, or null when a group cannot be brought within the limit on its own mailbox. */
function splitInto(kind: SplitChoice['kind'], mailbox: MailboxModel, groups: EnvModel[][], limit: number): SplitChoice | null {
  const production = new Set(productionOf(mailbox));
  const built: SplitGroup[] = [];
  for (const [i, environments] of groups.entries()) {
    const label = i === 0 ? mailbox.label : newLabel(environments);
    const model: MailboxModel = { key: i === 0 ? mailbox.key : `new:${label.toLowerCase()}`, label, environments };
    // On a mailbox of its own a group needs no more than to fit: every server kept, then the fewest
    // changes (no thread raised because the new mailbox would allow it), then the most connections.
    const option = mailboxOptions(model, limit).sort(
      (a, b) => b.score.servers - a.score.servers || a.score.changes - b.score.changes || b.score.connections - a.score.connections,
    )[0];
    if (!option) return null;
    built.push({ label, isNew: i > 0, environments, option: { ...option, mailbox: model } });
  }
  const moves: PlanChange[] = built
    .filter((g) => g.isNew)
    .flatMap((g) =>
      g.environments.map((env) => ({
        kind: 'move-to-mailbox' as const,
        environment: env.name,
        mailbox: g.label,
        description:
          g.environments.length > 1
            ? `${env.name}: send through a new mailbox shared with ${listInWords(g.environments.filter((e) => e !== env).map((e) => e.name))}, no longer ${mailbox.label}`
            : `${env.name}: send through a mailbox of its own, no longer ${mailbox.label}`,
      })),
    );
  const productionServers = built
    .flatMap((g) => g.option.options)
    .filter((o) => production.has(o.env))
    .reduce((n, o) => n + o.kept.length, 0);
  return { kind, mailbox, groups: built, changes: [...moves, ...built.flatMap((g) => g.option.options.flatMap((o) => o.changes))], productionServers };
}

/**
 * The splits worth offering for an over-limit mailbox shared by several environments: non-production
 * on a mailbox of its own (production stays), then every environment on its own mailbox (when that
 * is a different split). Empty for a mailbox of one environment.
 */
export function splitOptions(mailbox: MailboxModel, limit: number): SplitChoice[] {
  const envs = sendingOf(mailbox);
  if (envs.length < 2) return [];
  const production = productionOf(mailbox);
  // Environments that send nothing stay where they are: they open no connection.
  const stay = [...production, ...mailbox.environments.filter((e) => !envs.includes(e) && !production.includes(e))];
  const others = envs.filter((e) => !production.includes(e));
  const splits: SplitChoice[] = [];
  const productionSends = production.some((e) => envs.includes(e));
  if (others.length > 0 && productionSends) {
    const split = splitInto('non-production', mailbox, [stay, others], limit);
    if (split) splits.push(split);
  }
  const first = production.find((e) => envs.includes(e)) ?? envs[0]!;
  const eachDiffers = !productionSends || production.filter((e) => envs.includes(e)).length > 1 || others.length > 1;
  if (eachDiffers) {
    const rest = mailbox.environments.filter((e) => !envs.includes(e));
    const split = splitInto('each-environment', mailbox, [[first, ...rest], ...envs.filter((e) => e !== first).map((e) => [e])], limit);
    if (split) splits.push(split);
  }
  return splits;
}
