/** A playbook as the lists name it. */
export interface PlaybookName {
  id: string;
  title: string;
}

/** "" shows every row. */
export const ALL_PLAYBOOKS = '';

/**
 * The playbooks a list can be narrowed to: those its rows use, once each, by title; rows whose
 * playbook is not known are left out of the choice (they show under "All playbooks").
 */
export function playbookChoices(rows: ReadonlyArray<PlaybookName | null | undefined>): PlaybookName[] {
  const byId = new Map<string, PlaybookName>();
  for (const row of rows) if (row && !byId.has(row.id)) byId.set(row.id, row);
  return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title));
}

/** Whether a row passes the playbook filter. */
export function matchesPlaybook(chosen: string, playbookId: string | null | undefined): boolean {
  return chosen === ALL_PLAYBOOKS || playbookId === chosen;
}
