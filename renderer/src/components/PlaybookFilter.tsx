import { ALL_PLAYBOOKS, type PlaybookName } from './playbook-filter';

/**
 * Narrows a list (sessions, reports) to one playbook: three "Demo farm · Resolved" rows look alike
 * until the playbook tells them apart. Shown only when the list holds more than one playbook.
 */
export function PlaybookFilter({ id, choices, value, onChange }: { id: string; choices: PlaybookName[]; value: string; onChange(value: string): void }) {
  if (choices.length < 2 && value === ALL_PLAYBOOKS) return null;
  return (
    <div className="field list-filter">
      <label htmlFor={id}>Playbook</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={ALL_PLAYBOOKS}>All playbooks</option>
        {choices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </div>
  );
}
