import { num, text } from '../common/facts';
import { BULK_ONLY, RELAY_OR_BULK } from '../../capacity/providers';
import { thousands } from '../../capacity/wording';
import type { PlanInstruction, StepContext } from '../../wizard/playbook';
import { BACKOFF_DEFAULT_DAYS, BACKOFF_PARAMETER, quotaFigures, quotaForms, TENANT_LIMIT_SENTENCE, type QuotaFigures } from './facts';
import { utc } from '../common/probe-facts';

/**
 * The fix, in steps a customer's Microsoft 365 admin (or the application team) can follow. Nothing
 * here is written by the app: the quota lives in Exchange Online. Which steps come first depends on
 * the figures: over the quota, the volume must go down or be spread; far below it, the mailbox may
 * be sending mail nobody asked for.
 */

const HOUR = 3_600_000;

export { utc };

export function plusHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * HOUR).toISOString();
}

function mailboxOf(ctx: StepContext): string {
  return text(ctx.facts, 'mailbox') ?? 'the sending mailbox';
}

function waitForWindow(ctx: StepContext): PlanInstruction[] {
  const first = text(ctx.facts, 'errors.firstSeen');
  const failing = num(ctx.facts, 'queue.failing');
  const abandoned = num(ctx.facts, 'queue.abandoned');
  const lifted = first
    ? ` The first 554 5.2.0 was logged at ${utc(first)}, so the block lifts by ${utc(plusHours(first, 24))} at the latest, sooner as older recipients leave the window, provided no new burst is sent.`
    : '';
  const queue =
    failing !== null || abandoned !== null
      ? ` The email queue now: ${failing ?? 'unknown'} failing (still retried), ${abandoned ?? 'unknown'} abandoned (no longer retried: that mail is lost and must be sent again by the application).`
      : ' The email queue (step "Symptom") shows how many emails are failing and how many were abandoned.';
  return [
    {
      text:
        `Wait for the rolling window: Exchange Online counts the recipients ${mailboxOf(ctx)} sent in the last 24 hours, and the mailbox can send again as soon as the oldest of them leave that window.${lifted} ` +
        'Do not resend or bulk-retry in the meantime: every attempt that gets through counts again.',
    },
    {
      text:
        `Meanwhile the platform keeps the failed emails and retries them with growing delays for ${BACKOFF_PARAMETER} days (default ${BACKOFF_DEFAULT_DAYS}), then abandons them. ` +
        `A block longer than that loses mail.${queue}`,
      where: 'Factory Configuration > Platform Configurations (or the query), and Service Center > Monitoring > Emails',
      sql: `SELECT NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE NAME = '${BACKOFF_PARAMETER}';`,
    },
  ];
}

function splitSenders(figures: QuotaFigures): PlanInstruction[] {
  const lead = `${thousands(figures.total)} recipients per 24 h need at least ceil(${thousands(figures.total)} / ${thousands(figures.limit)}) = ${figures.mailboxesNeeded} mailboxes of ${thousands(figures.limit)}.`;
  const heaviest = heaviestAlone(figures);
  if (heaviest) {
    // One environment sends all its email through the one mailbox of its email settings.
    return [
      {
        text:
          `Split the sending: ${lead} But ${heaviest.environment} alone sends ${thousands(heaviest.recipientsPerDay!)} > ${thousands(figures.limit)}, and an environment sends all its email through the one mailbox of its email settings, ` +
          'so moving environments to other mailboxes is not enough: move its bulk sending (campaigns, newsletters, mass notifications) to a relay or a bulk email service (below), or send to fewer recipients.',
      },
    ];
  }
  const move = figures.quota.options.find((o) => o.kind === 'own-mailbox' && o.fits);
  const split = figures.quota.options.find((o) => o.kind === 'split-mailboxes' && o.fits);
  const how = move
    ? `${move.title}: ${move.detail}`
    : split?.after
      ? `${split.title}: ${split.after.map((a) => `${a.mailbox} carries ${thousands(a.recipients)} (${a.environments.join(', ')})`).join('; ')}.`
      : '';
  return [
    {
      text:
        `Split the senders over mailboxes: ${lead}${how ? ` ${how}` : ''} The Microsoft 365 admin creates the new mailbox (a licensed user with SMTP AUTH allowed) and gives its address and credentials to the team that runs the environment; ` +
        'then set that environment to send through it: Service Center > Administration > Email (user name, password and the default sender address), and save.',
      where: 'Microsoft 365 admin center > Users > Active users > Add a user; then Service Center > Administration > Email',
      code: { language: 'PowerShell (Exchange Online)', text: 'Set-CASMailbox -Identity <new mailbox> -SmtpClientAuthenticationDisabled $false' },
    },
  ];
}

/** The sender that alone sends more than the limit, if any: no split by environment fits then. */
export function heaviestAlone(figures: QuotaFigures) {
  return figures.box.senders.find((s) => s.recipientsPerDay !== null && s.recipientsPerDay > figures.limit) ?? null;
}

function fewerRecipients(figures: QuotaFigures): PlanInstruction[] {
  const fewer = figures.quota.options.find((o) => o.kind === 'fewer-recipients');
  // The calculator's hint to type more figures is for its page; here the step "Recipients in 24 h" asks for them.
  const detail = fewer?.detail.replace(/ Give emails per day and recipients per email to see the numbers per environment\.$/, '');
  return [
    {
      text: `${fewer ? `${fewer.title}: ${detail}` : 'Send to fewer recipients: address a distribution list instead of its members, or batch notifications into a digest.'} The application team changes who the emails go to; the admin creates the distribution list.`,
      where: 'Exchange admin center > Recipients > Groups > Add a group > Distribution list',
    },
  ];
}

/** OutSystems Cloud front-ends are hosted by a third party, which Microsoft's SMTP relay does not take mail from (domain.md 4d). */
const isCloud = (ctx: StepContext) => ctx.session.environment.hosting === 'outsystems-cloud';

function relayOrBulk(ctx: StepContext, figures: QuotaFigures): PlanInstruction[] {
  const lead = `For volume that does not fit in mailboxes of ${thousands(figures.limit)} recipients a day:`;
  if (isCloud(ctx)) return [{ text: `${lead} ${BULK_ONLY}` }];
  return [
    {
      text:
        `${lead} ${RELAY_OR_BULK} ` +
        "For the relay (self-managed platforms only), the admin adds a connector from your organization's email server to Microsoft 365 that accepts the front-ends' own public IP addresses; " +
        "the environment then sends to the tenant's MX endpoint (e.g. contoso-com.mail.protection.outlook.com) on port 25 without a user name, set in Service Center > Administration > Email.",
      where: 'Exchange admin center > Mail flow > Connectors > Add a connector',
    },
  ];
}

/** The tenant's external recipient limit (TERRL): the fix is in the tenant, not in the mailboxes (domain.md 4d). */
function tenantLimit(ctx: StepContext): PlanInstruction[] {
  return [
    { text: `${TENANT_LIMIT_SENTENCE} Do not create more mailboxes for it, and do not resend in the meantime: every external recipient counts again.` },
    {
      text: 'The Microsoft 365 admin checks how much the tenant sends to external recipients and from which mailboxes (a mailbox sending far more than its applications do may be compromised), then opens a service request with Microsoft about the limit.',
      where: 'Exchange admin center > Mail flow > Message trace (all senders, external recipients); Microsoft 365 admin center > Support > New service request',
    },
    {
      text: `Bulk and high-volume email to external recipients belongs with a bulk email delivery service, outside the tenant's limit: move it there (campaigns, newsletters, mass notifications).${isCloud(ctx) ? '' : " A relay connector does not help here: relayed mail counts against the tenant's limits too."}`,
    },
    ...waitForWindow(ctx).slice(1),
  ];
}

function securityChecks(ctx: StepContext, lead: string): PlanInstruction[] {
  const mailbox = mailboxOf(ctx);
  return [
    {
      text: `${lead} Check the mailbox's sign-ins for places, devices or apps that are not the front-end servers.`,
      where: `Microsoft Entra admin center > Identity > Monitoring & health > Sign-in logs, filtered by ${mailbox}`,
    },
    {
      text: 'Check whether Microsoft Defender flagged outbound spam from the mailbox or restricted it from sending (a restricted user gets 550 5.1.8 until released), and look at what it sent: a message trace for the last 2 days shows recipients the applications never address.',
      where: 'Microsoft Defender portal > Email & collaboration > Review > Restricted entities, and Exchange admin center > Mail flow > Message trace',
    },
    {
      text: `If anything is unexplained: reset the mailbox's password, sign it out of every session, remove inbox rules and forwarding nobody set up, then give the new password to Service Center > Administration > Email (the platform authenticates with it).`,
      where: 'Microsoft 365 admin center > Users > Active users > the mailbox > Reset password',
      code: {
        language: 'PowerShell (Exchange Online)',
        text: `Get-InboxRule -Mailbox ${mailbox}\nGet-Mailbox -Identity ${mailbox} | Format-List ForwardingAddress, ForwardingSmtpAddress, DeliverToMailboxAndForward`,
      },
    },
  ];
}

/** The fix step's instructions for the figures so far. */
export function fixInstructions(ctx: StepContext): PlanInstruction[] {
  const forms = quotaForms(ctx);
  if (forms.tenant && !forms.mailbox) return tenantLimit(ctx);
  const figures = quotaFigures(ctx.session, ctx.facts);
  if (!figures) return waitForWindow(ctx);
  switch (figures.case) {
    case 'over':
      return [
        ...waitForWindow(ctx),
        ...splitSenders(figures),
        ...fewerRecipients(figures),
        ...relayOrBulk(ctx, figures),
        {
          text: 'If the volume is more than the applications are meant to send, treat the mailbox as compromised first: see its sign-ins (Microsoft Entra) and the outbound spam and restricted users (Microsoft Defender), and reset its password.',
        },
      ];
    case 'low':
      return [
        ...securityChecks(
          ctx,
          `${figures.arithmetic}: far below the quota, so the volume your applications send does not explain the 554 5.2.0. Treat the mailbox as possibly compromised (outbound spam) until shown otherwise.`,
        ),
        ...waitForWindow(ctx),
      ];
    case 'below':
      return [
        {
          text: `${figures.arithmetic} by the figures given, yet Exchange Online refused with 554 5.2.0. The window is a rolling 24 h: compare with the message trace of the mailbox for the last 2 days, and look for senders not listed (other applications, scripts, people using the mailbox).`,
          where: 'Exchange admin center > Mail flow > Message trace',
        },
        ...securityChecks(ctx, 'If the message trace shows a low count too, or recipients your applications never address, suspect a compromised account.'),
        ...waitForWindow(ctx),
      ];
  }
}
