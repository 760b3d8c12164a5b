import type { PlaybookReport } from '../../wizard/playbook';

/** How the resolution report speaks of the 432 incident, and the guidance it cites (domain.md section 5). */
export const concurrencyReport: PlaybookReport = {
  title: (environment) => `Email connection limit (432 4.3.2) on ${environment}`,
  errorName: '"432 4.3.2 Concurrent connections limit exceeded" error',
  symptomProbe: 'errors',
  references: [
    {
      title: 'OutSystems Support, incident model IM-2795: "Error sending emails due to exceeding concurrent connections"',
      url: null,
    },
    {
      title: 'Microsoft: SMTP AUTH client submission allows 3 concurrent connections per mailbox (the address Exchange quotes in the 432 reply)',
      url: 'https://aka.ms/concurrent_sending',
    },
    {
      title: 'Microsoft Learn: Exchange Online limits (sending limits)',
      url: 'https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits',
    },
  ],
};
