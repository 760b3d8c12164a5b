import type { PlaybookReport } from '../../wizard/playbook';
import { PROBE } from './facts';

/** How the resolution report speaks of SMTP connection and TLS failures, and the guidance it cites (domain.md 4e). */
export const smtpConnectionReport: PlaybookReport = {
  title: (environment) => `SMTP connection and TLS on ${environment}`,
  errorName: '"SMTP connection and TLS" error',
  summary: (ctx) =>
    ['diagnosis.cause', 'diagnosis.verdict']
      .map((key) => ctx.facts[key]?.value)
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
      .map((value) => (/[.!?]$/.test(value.trim()) ? value.trim() : `${value.trim()}.`))
      .join(' '),
  symptomProbe: PROBE.errors,
  references: [
    {
      title:
        'Microsoft Learn: "How to set up a multifunction device or application to send email using Microsoft 365" (smtp.office365.com, port 587, STARTTLS, TLS 1.2)',
      url: 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365',
    },
    {
      title: 'Microsoft Learn: "Transport Layer Security (TLS) best practices with the .NET Framework"',
      url: 'https://learn.microsoft.com/en-us/dotnet/framework/network-programming/tls',
    },
    { title: 'OutSystems release notes: Platform Server 11.38.0 always uses STARTTLS to Exchange Online', url: null },
  ],
};
