import type { PlaybookReport } from '../../wizard/playbook';
import { PROBE } from './facts';

/** How the resolution report speaks of Send As denied, and the guidance it cites (domain.md 4e). */
export const sendAsReport: PlaybookReport = {
  title: (environment) => `Send As denied on ${environment}`,
  errorName: '"Send As denied (5.7.60 / 554 5.2.252)" error',
  summary: (ctx) =>
    ['diagnosis.cause', 'diagnosis.verdict']
      .map((key) => ctx.facts[key]?.value)
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
      .map((value) => (/[.!?]$/.test(value.trim()) ? value.trim() : `${value.trim()}.`))
      .join(' '),
  symptomProbe: PROBE.errors,
  references: [
    {
      title: 'Microsoft Learn: "Manage permissions for recipients in Exchange Online" (Send As, Add-RecipientPermission)',
      url: 'https://learn.microsoft.com/en-us/exchange/recipients-in-exchange-online/manage-permissions-for-recipients',
    },
    {
      title:
        'Microsoft Learn: "How to set up a multifunction device or application to send email using Microsoft 365" (the From address and the sign-in mailbox)',
      url: 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365',
    },
    { title: 'OutSystems: Service Center > Administration > Email (default sender); failed emails retried for Scheduler.EmailBackoffMaxDays', url: null },
  ],
};
