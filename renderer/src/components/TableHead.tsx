import type { ReactNode } from 'react';

/** A table's header row, one column header per entry; `hidden` ones are read by assistive tech only (e.g. a Remove column). */
export function TableHead({ columns }: { columns: Array<{ key: string; label: string; hidden?: boolean }> }): ReactNode {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.key} scope="col">
            {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
