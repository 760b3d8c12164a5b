import type { ReportOutcome } from '../../../../shared/report/model';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dayTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : day.format(date);
}

export function formatDayTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dayTime.format(date);
}

export const OUTCOME_BADGE: Record<ReportOutcome, string> = {
  resolved: 'badge badge-success',
  'applied-not-verified': 'badge badge-warning',
  'not-resolved': 'badge badge-danger',
  'within-limit': 'badge',
  unverified: 'badge badge-warning',
};
