import type { PlaybookReport } from '../../wizard/playbook';
import { PROBE } from './facts';

/** How the resolution report speaks of SMTP authentication refused, and the guidance it cites (domain.md 4b, 5). */
export const SMTP_AUTH_ERROR_NAME = '"SMTP authentication refused (535 5.7.139 / 550 5.7.30)" error';

export const smtpAuthReport: PlaybookReport = {
  title: (environment) => `SMTP authentication refused on ${environment}`,
  errorName: SMTP_AUTH_ERROR_NAME,
  // The diagnosis as the Diagnosis step derived it, for the report's summary.
  summary: (ctx) =>
    ['diagnosis.cause', 'diagnosis.verdict']
      .map((key) => ctx.facts[key]?.value)
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
      .map((value) => (/[.!?]$/.test(value.trim()) ? value.trim() : `${value.trim()}.`))
      .join(' '),
  symptomProbe: PROBE.errors,
  references: [
    {
      title: 'Microsoft Learn: "Authenticated client SMTP submission" and "Enable or disable SMTP AUTH in Exchange Online"',
      url: 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
    },
    {
      title: 'Microsoft Exchange Team blog: "Updated Exchange Online SMTP AUTH Basic Authentication deprecation timeline" (2026)',
      url: 'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835',
    },
    {
      title:
        "OutSystems release notes: Platform Server 11.34.0 adds OAuth 2.0 for the platform's SMTP (11.38.0 forces TLS to Exchange Online; 11.42.0 fixes BCC with OAuth)",
      url: null,
    },
  ],
};
