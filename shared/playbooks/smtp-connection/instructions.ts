import type { PlanInstruction, StepContext } from '../../wizard/playbook';
import { decide, type Route } from './decision';
import { EXO_HOST, isExchangeOnline, LEGACY_HOST, server, STARTTLS_VERSION, WHERE } from './facts';

/**
 * The fix in steps: the exact setting in Service Center, the registry values that turn TLS 1.2 on
 * for .NET and Schannel on a self-managed front-end, the network checks to run from each
 * front-end, and the legacy TLS endpoint as a stop-gap only.
 */

const PS = 'PowerShell';

/** .NET Framework 4.x and Schannel: TLS 1.2 for outgoing connections (Microsoft's "TLS best practices with the .NET Framework"). */
export const TLS12_SCRIPT = [
  '# On every front-end that sends email, in an elevated PowerShell. Restart the server afterwards.',
  '# .NET Framework 4.x (64-bit and 32-bit): use strong cryptography and the TLS versions of the operating system.',
  "foreach ($p in 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319', 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319') {",
  '  New-ItemProperty -Path $p -Name SchUseStrongCrypto -Value 1 -PropertyType DWord -Force',
  '  New-ItemProperty -Path $p -Name SystemDefaultTlsVersions -Value 1 -PropertyType DWord -Force',
  '}',
  '# Schannel: TLS 1.2 enabled for clients.',
  "$tls12 = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client'",
  'New-Item -Path $tls12 -Force | Out-Null',
  'New-ItemProperty -Path $tls12 -Name Enabled -Value 1 -PropertyType DWord -Force',
  'New-ItemProperty -Path $tls12 -Name DisabledByDefault -Value 0 -PropertyType DWord -Force',
].join('\n');

export const LEGACY_SCRIPT = [
  '# Exchange Online PowerShell (module ExchangeOnlineManagement), signed in as an Exchange administrator.',
  'Connect-ExchangeOnline',
  '# Stop-gap only: lets clients that cannot do TLS 1.2 submit through smtp-legacy.office365.com.',
  'Set-TransportConfig -AllowLegacyTLSClients $true',
  '# Undo once TLS 1.2 is in place:',
  '# Set-TransportConfig -AllowLegacyTLSClients $false',
].join('\n');

function networkScript(host: string): string {
  return [
    '# From every front-end that sends email.',
    `Resolve-DnsName ${host}`,
    `Test-NetConnection ${host} -Port 587`,
    '# TcpTestSucceeded : True means the path is open; False: the firewall, a proxy or the route blocks it.',
  ].join('\n');
}

export function connectionInstructions(ctx: StepContext): PlanInstruction[] {
  const d = decide(ctx);
  if (d.route === 'unknown') return [{ text: 'Find the form of the error first (step "Symptom").', forEngineer: true }];
  const exo = isExchangeOnline(ctx) !== false;
  const host = exo ? EXO_HOST : (server(ctx) ?? EXO_HOST);
  const cloud = ctx.session.environment.hosting === 'outsystems-cloud';
  const steps: PlanInstruction[] = [];
  const settings = (extra: string): PlanInstruction => ({
    where: WHERE.email,
    text: `SMTP server ${host}, port 587, TLS with STARTTLS (not "SSL on connect"${extra}). Save.`,
  });
  const byRoute: Record<Exclude<Route, 'unknown'>, () => PlanInstruction[]> = {
    'port-465': () => [settings('; port 465 is not supported for client submission')],
    'tls-version': () =>
      cloud
        ? [{ where: 'OutSystems support', text: "Ask OutSystems support to enable TLS 1.2 for the platform's outgoing SMTP on this environment's front-ends." }]
        : [
            {
              where: 'Every front-end that sends email',
              text: 'Turn TLS 1.2 on for .NET and Schannel, then restart the server (Schannel reads these values at start).',
              code: { language: PS, text: TLS12_SCRIPT },
            },
          ],
    starttls: () => [
      settings(''),
      ...(exo
        ? [
            {
              where: 'Platform Server upgrade',
              text: `Platform Server ${STARTTLS_VERSION} and later always use STARTTLS to Exchange Online; below it, plan the upgrade.`,
            },
          ]
        : []),
    ],
    certificate: () => [
      {
        where: WHERE.email,
        text: `Set the SMTP server to the host name ${exo ? EXO_HOST : "on the server's certificate"}, never an IP address or an alias of your own: the certificate names the host, and the check compares the two. Save.`,
      },
      {
        where: 'Every front-end that sends email',
        text: "Check the clock is right and the certificate's root authority is among the trusted root certificates (certlm.msc).",
      },
    ],
    network: () => [
      {
        where: 'Every front-end that sends email',
        text: `Check the name resolves and port 587 answers from each front-end.`,
        code: { language: PS, text: networkScript(host) },
      },
      { where: "The customer's network team", text: `Open outbound TCP 587 from every front-end that sends email to ${host} (and its proxy, if any).` },
    ],
  };
  for (const r of d.routes) steps.push(...byRoute[r as Exclude<Route, 'unknown'>]());
  if (d.stopGap) {
    steps.push({
      where: 'Exchange Online PowerShell',
      text: `Stop-gap only, if TLS 1.2 cannot be turned on today: allow legacy TLS clients in the tenant and set the SMTP server to ${LEGACY_HOST} in ${WHERE.email}. It keeps old TLS in use: move to TLS 1.2 and back to ${EXO_HOST}.`,
      code: { language: PS, text: LEGACY_SCRIPT },
    });
  }
  steps.push(
    {
      where: 'Service Center > Monitoring > Emails and > Errors',
      text: 'Send a test email from an application of this environment, then check that it shows as sent and that no new connection or TLS error is logged. The failing emails still queued are retried by the Scheduler; those past Scheduler.EmailBackoffMaxDays are not.',
    },
    {
      forEngineer: true,
      text: 'Record here, under "I applied it myself", what was changed and by whom. Verify then counts the connection and TLS errors and the emails sent since that moment: it passes with no error and at least one email sent.',
    },
  );
  return steps;
}
