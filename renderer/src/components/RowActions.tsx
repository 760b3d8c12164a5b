/** The open and delete buttons at the end of a row of the session and report lists, named for the row. */
export function RowActions(props: { open: string; openLabel: string; onOpen(): void; deleteLabel: string; onDelete(): void }) {
  return (
    <div className="list-actions">
      <button type="button" className="btn btn-small" aria-label={props.openLabel} onClick={props.onOpen}>
        {props.open}
      </button>
      <button type="button" className="btn btn-small btn-danger" aria-label={props.deleteLabel} onClick={props.onDelete}>
        Delete
      </button>
    </div>
  );
}
