import { ALL_PLAYBOOKS, type PlaybookName } from './playbook-filter';

/**
 * Above a list of sessions or reports: a search box and, when the list holds more than one
 * playbook, a playbook filter (three "Demo farm · Resolved" rows look alike until the playbook tells
 * them apart); then, when nothing passes, a sentence that says what was looked for.
 */
export function ListFilters(props: {
  /** "session" or "report": the label, the ids and the sentence name it. */
  noun: string;
  query: string;
  onQuery(query: string): void;
  choices: PlaybookName[];
  playbook: string;
  onPlaybook(playbook: string): void;
  nothingShown: boolean;
}) {
  const { noun, query, playbook } = props;
  const showPlaybooks = props.choices.length > 1 || playbook !== ALL_PLAYBOOKS;
  return (
    <>
      <div className="list-filters">
        <div className="field">
          <label htmlFor={`${noun}-search`}>Search {noun}s</label>
          <input
            id={`${noun}-search`}
            type="search"
            value={query}
            placeholder="Ticket, environment, customer or date"
            onChange={(e) => props.onQuery(e.target.value)}
          />
        </div>
        {showPlaybooks && (
          <div className="field list-filter">
            <label htmlFor={`${noun}-playbook`}>Playbook</label>
            <select id={`${noun}-playbook`} value={playbook} onChange={(e) => props.onPlaybook(e.target.value)}>
              <option value={ALL_PLAYBOOKS}>All playbooks</option>
              {props.choices.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {props.nothingShown && (
        <p className="muted">
          No {noun} matches{query ? ` “${query}”` : ''}
          {playbook ? ' in this playbook' : ''}.
        </p>
      )}
    </>
  );
}
