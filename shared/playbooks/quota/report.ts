import type { PlaybookReport } from '../../wizard/playbook';

/** How the resolution report speaks of the daily recipient quota, and the guidance it cites (domain.md 4b and 5). */
export const quotaReport: PlaybookReport = {
  title: (environment) => `Daily recipient quota on ${environment}`,
  errorName: '"554 5.2.0 SubmissionQuotaExceededException" error',
  // The diagnosis as the Diagnosis step derived it, for the report's summary.
  summary: (ctx) =>
    ['diagnosis.verdict']
      .map((key) => ctx.facts[key]?.value)
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
      .map((value) => (/[.!?]$/.test(value.trim()) ? value.trim() : `${value.trim()}.`))
      .join(' '),
  symptomProbe: 'errors',
  references: [
    { title: 'Microsoft Learn: Fix error for submission quota exceeded in Exchange Online', url: null },
    {
      title: 'Microsoft Learn: Exchange Online limits (sending limits: 10,000 recipients per day)',
      url: 'https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits',
    },
  ],
};
