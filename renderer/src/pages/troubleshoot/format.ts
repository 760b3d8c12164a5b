import type { SessionStatus } from '../../../../shared/wizard/types';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : time.format(date);
}

export const STATUS_LABELS: Record<SessionStatus, { label: string; badge: string }> = {
  'in-progress': { label: 'In progress', badge: 'badge' },
  resolved: { label: 'Resolved', badge: 'badge badge-success' },
  'applied-not-verified': { label: 'Fix applied, not yet verified', badge: 'badge badge-warning' },
  'not-resolved': { label: 'Not resolved', badge: 'badge badge-danger' },
  'within-limit-other-cause': { label: 'Within limit: other cause', badge: 'badge badge-warning' },
};
