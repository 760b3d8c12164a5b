import { text } from '../common/facts';
import type { PlanInstruction, StepContext } from '../../wizard/playbook';
import { CLOUD_NO_RELAY, decide, type Decision } from './decision';
import { OAUTH_MINIMUM, OAUTH_RECOMMENDED, WHERE } from './facts';

/**
 * The fix in steps a customer's Microsoft 365 admin can follow, with the exact PowerShell (the
 * sending mailbox filled in from the facts), the Service Center settings, a test email, and what to
 * tell the customer about the date.
 */

/**
 * What to say about the date, in the words of Microsoft's timeline of 27 January 2026 (Exchange Team
 * blog; domain.md 4b and 4d): disabled by default at the end of December 2026, admins can re-enable
 * it, and the final removal date is announced later.
 */
export const DEADLINE_SENTENCE =
  'Microsoft disables Basic authentication for SMTP AUTH by default for existing tenants at the end of December 2026; admins can re-enable it, and in the second half of 2027 Microsoft will announce the final removal date. Turning SMTP AUTH or Basic authentication back on only buys time: OAuth 2.0 is the lasting fix.';

/** The platform's settings change is made in Service Center; whether the Scheduler re-reads it at once is not documented. */
export const NO_RESTART_SENTENCE =
  'No Scheduler Service restart is needed for the change in Exchange Online. If emails still fail after the email settings were saved in Service Center, restart the Scheduler Service on every front-end (Windows service "OutSystems Scheduler Service"; OutSystems Cloud: LifeTime > the environment > Restart Services): whether it reads new email settings without a restart is not documented.';

const PS = 'PowerShell';
const CONNECT = '# Exchange Online PowerShell (module ExchangeOnlineManagement), signed in as an Exchange administrator.\nConnect-ExchangeOnline';

/** A mailbox as a PowerShell string: double-quoted, with `, " and $ escaped. */
function ps(value: string): string {
  return `"${value.replace(/[`"$]/g, '`$&')}"`;
}

function mailboxOf(ctx: StepContext): { arg: string; words: string } {
  const mailbox = text(ctx.facts, 'mailbox');
  return mailbox ? { arg: ps(mailbox), words: mailbox } : { arg: '<MAILBOX>', words: 'the sending mailbox (<MAILBOX> below)' };
}

function enableScript(ctx: StepContext, scope: 'mailbox' | 'tenant', purpose: string): string {
  const { arg } = mailboxOf(ctx);
  return [
    CONNECT,
    '',
    `# ${purpose}`,
    `Set-CASMailbox -Identity ${arg} -SmtpClientAuthenticationDisabled $false`,
    ...(scope === 'tenant'
      ? ['# Or for every mailbox of the tenant (wider than this platform needs):', '# Set-TransportConfig -SmtpClientAuthenticationDisabled $false']
      : []),
    '',
    '# Check: False means SMTP AUTH is on for the mailbox.',
    `Get-CASMailbox -Identity ${arg} | Format-List SmtpClientAuthenticationDisabled`,
  ].join('\n');
}

function oauthScript(ctx: StepContext): string {
  const { arg } = mailboxOf(ctx);
  return [
    CONNECT,
    '',
    '# SMTP AUTH stays on for the sending mailbox: OAuth 2.0 goes through SMTP AUTH too.',
    `Set-CASMailbox -Identity ${arg} -SmtpClientAuthenticationDisabled $false`,
    '',
    '# The app registration as an Exchange service principal.',
    '# <APPLICATION_ID>: Entra admin center > App registrations > the app > Application (client) ID.',
    '# <OBJECT_ID>: Entra admin center > Enterprise applications > the same app > Object ID',
    '#   (not the Object ID shown under App registrations).',
    'New-ServicePrincipal -AppId "<APPLICATION_ID>" -ObjectId "<OBJECT_ID>"',
    '',
    '# <SERVICE_PRINCIPAL_ID>: the Identity (or ObjectId) Get-ServicePrincipal shows for it.',
    'Get-ServicePrincipal | Where-Object AppId -eq "<APPLICATION_ID>" | Format-List DisplayName,AppId,ObjectId,Identity',
    '',
    '# Let the service principal send as the mailbox.',
    `Add-MailboxPermission -Identity ${arg} -User "<SERVICE_PRINCIPAL_ID>" -AccessRights FullAccess`,
    '',
    '# Check.',
    `Get-MailboxPermission -Identity ${arg} -User "<SERVICE_PRINCIPAL_ID>"`,
    `Get-CASMailbox -Identity ${arg} | Format-List SmtpClientAuthenticationDisabled`,
  ].join('\n');
}

function credentialsScript(ctx: StepContext): string {
  const { arg } = mailboxOf(ctx);
  return [
    CONNECT,
    '',
    '# The account behind the mailbox: AccountDisabled must be False.',
    `Get-Mailbox -Identity ${arg} | Format-List UserPrincipalName,AccountDisabled,RecipientTypeDetails`,
    '# SMTP AUTH for the mailbox: False (or empty, the tenant then decides) lets it authenticate.',
    `Get-CASMailbox -Identity ${arg} | Format-List SmtpClientAuthenticationDisabled`,
  ].join('\n');
}

const entraApp = (words: string): PlanInstruction[] => [
  {
    where: 'Microsoft Entra admin center > Identity > Applications > App registrations > New registration',
    text: `Register an app for the platform's email (e.g. "OutSystems email ${'<environment>'}"), accounts in this organisational directory only, no redirect URI. Note its Application (client) ID and Directory (tenant) ID.`,
  },
  {
    where: 'App registrations > the app > Certificates & secrets > Client secrets > New client secret',
    text: 'Create a client secret and copy its Value at once (it is shown only once). Note when it expires: email stops when it does, so put the renewal in the calendar.',
  },
  {
    where:
      'App registrations > the app > API permissions > Add a permission > APIs my organization uses > Office 365 Exchange Online > Application permissions',
    text: `Add SMTP.SendAsApp, then "Grant admin consent". The permission alone sends as no one: the next step limits it to ${words}.`,
  },
];

function oauthSteps(ctx: StepContext, environment: string): PlanInstruction[] {
  const { words } = mailboxOf(ctx);
  const server = text(ctx.facts, 'smtp.server');
  return [
    ...entraApp(words).map((step, i) => (i === 0 ? { ...step, text: step.text.replace('<environment>', environment) } : step)),
    {
      where: 'Exchange Online PowerShell',
      text: `Register the app in Exchange as a service principal and give it FullAccess on ${words}; SMTP AUTH stays on for that mailbox, since OAuth 2.0 goes through it too.`,
      code: { language: PS, text: oauthScript(ctx) },
    },
    {
      where: WHERE.email,
      text: `Set the authentication to OAuth 2.0 and enter the Directory (tenant) ID, the Application (client) ID and the client secret; SMTP server smtp.office365.com${
        server && !/^smtp\.office365\.com$/i.test(server) ? ` (now ${server})` : ''
      }, port 587; the user name and sender ${words}. Save. (Labels differ between Platform Server versions; these are the values to enter.)`,
    },
  ];
}

function relayStep(): PlanInstruction {
  return {
    where: 'Exchange admin center > Mail flow > Connectors > Add a connector',
    // Self-managed only: Microsoft's relay takes no mail from applications a third party hosts (domain.md 4d).
    text: 'Stop-gap while OAuth 2.0 is prepared, for a self-managed platform: a connector from "Your organization\'s email server" to "Office 365" that recognises the platform by its own fixed public IP address (or a certificate); then, in Service Center > Administration > Email, the tenant\'s MX endpoint (e.g. contoso-com.mail.protection.outlook.com) on port 25, no authentication. A relay does not use SMTP AUTH, so it is not bound by the per-mailbox SMTP AUTH limits and Basic authentication does not matter to it; tenant limits still apply.',
  };
}

/** Which authentication policy applies to the mailbox (the user's, else the organisation default) and what it allows. */
const policyLines = (arg: string): string[] => [
  `Get-User -Identity ${arg} | Format-List AuthenticationPolicy`,
  'Get-OrganizationConfig | Format-List DefaultAuthenticationPolicy',
  'Get-AuthenticationPolicy | Format-List Name,AllowBasicAuthSmtp',
];

/** The policy check of 535 5.7.139 "basic authentication is disabled" (domain.md 4d). */
function authPolicyScript(ctx: StepContext): string {
  const { arg } = mailboxOf(ctx);
  return [
    CONNECT,
    '',
    '# The authentication policy assigned to the user (empty: the organisation default applies);',
    '# AllowBasicAuthSmtp False in that policy blocks Basic authentication for SMTP AUTH.',
    ...policyLines(arg),
    '',
    '# Stop-gap only, while Microsoft still accepts Basic authentication:',
    '# Set-AuthenticationPolicy -Identity "<POLICY>" -AllowBasicAuthSmtp',
  ].join('\n');
}

function authPolicyStep(ctx: StepContext): PlanInstruction {
  return {
    where: 'Exchange Online PowerShell',
    text: `Read which authentication policy applies to ${mailboxOf(ctx).words} and whether it allows Basic authentication for SMTP. If a policy blocks it, allowing it again is a stop-gap only; if no policy blocks it, Microsoft's own default does, and only OAuth 2.0 helps.`,
    code: { language: PS, text: authPolicyScript(ctx) },
  };
}

function signInLogsStep(ctx: StepContext): PlanInstruction {
  return {
    where: `${WHERE.signInLogs}, filtered by ${mailboxOf(ctx).words}, status Failure`,
    text: 'Open a failed sign-in at the time of an error: its Conditional Access tab names the policy that refused it (and its Basic info the client app, "Authenticated SMTP"). With the tenant\'s identity admin: exclude the sending account from that policy, or allow the front-ends\' public addresses as a named location, or move the platform to OAuth 2.0.',
  };
}

/** The checks of a bare 535 5.7.139: each rules out one of the causes that give it (domain.md 4d). */
function reasonChecksScript(ctx: StepContext): string {
  const { arg } = mailboxOf(ctx);
  return [
    CONNECT,
    '',
    '# 1. SMTP AUTH: True for the mailbox, or for the tenant while the mailbox is empty, blocks it.',
    `Get-CASMailbox -Identity ${arg} | Format-List SmtpClientAuthenticationDisabled`,
    'Get-TransportConfig | Format-List SmtpClientAuthenticationDisabled',
    '# 2. Authentication policy: AllowBasicAuthSmtp False blocks Basic authentication for SMTP.',
    ...policyLines(arg),
    '# 3. The account: AccountDisabled must be False.',
    `Get-Mailbox -Identity ${arg} | Format-List UserPrincipalName,AccountDisabled`,
  ].join('\n');
}

function reasonChecks(ctx: StepContext): PlanInstruction[] {
  const { words } = mailboxOf(ctx);
  return [
    {
      where: 'Exchange Online PowerShell',
      text: `Check SMTP AUTH, the authentication policy and the account of ${words}. The first check that fails is the cause: its fix is the one of that form (step "Symptom": choose it, and the plan follows).`,
      code: { language: PS, text: reasonChecksScript(ctx) },
    },
    {
      where: WHERE.securityDefaults,
      text: 'Check whether security defaults are on: they block Basic authentication whatever the SMTP AUTH setting says.',
    },
    signInLogsStep(ctx),
    {
      where: 'Microsoft 365 admin center > Users > Active users',
      text: `Check ${words}: sign-in not blocked, the password not expired or changed; then enter it again in ${WHERE.email}.`,
    },
  ];
}

function testAndRecord(words: string): PlanInstruction[] {
  return [
    {
      where: 'Service Center > Monitoring > Emails and > Errors',
      text: `Send a test email from an application of this environment through ${words}, then check that it shows as sent and that no new 535 or 550 error is logged. The failing emails still queued are retried by the Scheduler; those past Scheduler.EmailBackoffMaxDays are not.`,
    },
    { text: NO_RESTART_SENTENCE },
    {
      forEngineer: true,
      text: 'Record here, under "I applied it myself", what was changed and by whom. Verify then counts the SMTP authentication errors and the emails sent since that moment: it passes with no error and at least one email sent.',
    },
  ];
}

/** The steps of the fix for the decision, in order. */
export function fixInstructions(ctx: StepContext): PlanInstruction[] {
  const decision: Decision = decide(ctx);
  const { words } = mailboxOf(ctx);
  const environment = ctx.session.environment.name;
  const tell: PlanInstruction = { where: 'What to tell the customer', text: DEADLINE_SENTENCE };
  const steps: PlanInstruction[] = [];
  const stopGaps = (label: string): PlanInstruction[] => [
    ...(decision.enableSmtpAuth && decision.stopGap?.includes('Set-CASMailbox')
      ? [
          {
            where: 'Exchange Online PowerShell',
            text: `${label}: turn SMTP AUTH back on for ${words}${decision.enableSmtpAuth === 'tenant' ? ' (the tenant has it off; the mailbox setting wins over the tenant one)' : ''}. This brings Basic authentication back only while Microsoft still accepts it.`,
            code: { language: PS, text: enableScript(ctx, decision.enableSmtpAuth, 'Stop-gap: SMTP AUTH back on for this mailbox only.') },
          },
        ]
      : []),
    ...(decision.authPolicy ? [authPolicyStep(ctx)] : []),
    ...(decision.relayConnector ? [relayStep()] : []),
    ...(decision.stopGap?.includes(CLOUD_NO_RELAY) ? [{ text: CLOUD_NO_RELAY }] : []),
  ];

  switch (decision.route) {
    case 'unknown':
      return [{ text: 'Find the form of the error first (step "Symptom"): each form has its own fix.' }];
    case 'upgrade-first':
      steps.push(
        {
          where: 'Platform Server upgrade',
          text: `Upgrade the Platform Server to ${OAUTH_RECOMMENDED} or later (${OAUTH_MINIMUM} is the first with OAuth 2.0 for SMTP; ${OAUTH_RECOMMENDED} fixes BCC recipients with OAuth). Self-managed: the Platform Server installer and the Configuration Tool on every front-end; OutSystems Cloud: ask OutSystems support to schedule it.`,
        },
        ...stopGaps('Meanwhile, stop-gap'),
        ...oauthSteps(ctx, environment),
      );
      break;
    case 'oauth-version-unknown':
      steps.push(
        {
          where: WHERE.version,
          text: `Find the Platform Server version first: OAuth 2.0 for SMTP needs ${OAUTH_MINIMUM} or later (${OAUTH_RECOMMENDED} or later recommended). Below ${OAUTH_MINIMUM}, upgrade before the OAuth steps; type the version in step "Platform version" and the plan follows.`,
          forEngineer: true,
        },
        ...stopGaps('Stop-gap'),
        ...oauthSteps(ctx, environment),
      );
      break;
    case 'oauth':
      steps.push(...stopGaps('Stop-gap, if OAuth 2.0 cannot be set up today'), ...oauthSteps(ctx, environment));
      break;
    case 'oauth-in-place':
      if (decision.enableSmtpAuth) {
        steps.push({
          where: 'Exchange Online PowerShell',
          text: `Turn SMTP AUTH on for ${words}: OAuth 2.0 goes through SMTP AUTH, so the setting blocks OAuth as well.`,
          code: { language: PS, text: enableScript(ctx, decision.enableSmtpAuth, 'SMTP AUTH on for this mailbox: OAuth 2.0 needs it too.') },
        });
      } else {
        steps.push({
          where: WHERE.email,
          text: `Check that authentication is OAuth 2.0 with the Directory (tenant) ID, the Application (client) ID and an unexpired client secret, saved on this environment, and that the Platform Server is ${OAUTH_MINIMUM} or later: Exchange Online still received Basic authentication.`,
        });
      }
      return [...steps, ...testAndRecord(words)];
    case 'credentials':
      steps.push(
        {
          where: 'Microsoft 365 admin center > Users > Active users',
          text: `Check ${words}: sign-in not blocked, the account not disabled or locked, the password not expired or changed. An account with multi-factor authentication cannot send with Basic authentication.`,
        },
        { where: 'Exchange Online PowerShell', text: `Read the account and its SMTP AUTH setting.`, code: { language: PS, text: credentialsScript(ctx) } },
        {
          where: WHERE.email,
          text: `Enter the user name (the full address ${words}) and its current password again; SMTP server smtp.office365.com, port 587 with TLS. Save.`,
        },
      );
      break;
    case 'sign-in-policy':
      steps.push(signInLogsStep(ctx));
      break;
    case 'reason-unknown':
      steps.push(...reasonChecks(ctx));
      break;
    case 'tls':
      steps.push({
        where: WHERE.email,
        text: `SMTP server smtp.office365.com, port 587 with TLS (STARTTLS), authentication with the full address ${words} and its password (or OAuth 2.0). Save. Platform Server 11.38.0 and later always use TLS to Exchange Online.`,
      });
      break;
  }
  return [...steps, ...testAndRecord(words), tell];
}
