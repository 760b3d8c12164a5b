import { useUi } from '../stores/ui';

/** API errors, shown in words at the top of the page; technical details folded away for tickets. */
export function ErrorBanner() {
  const errors = useUi((s) => s.errors);
  const dismiss = useUi((s) => s.dismissError);
  if (errors.length === 0) return null;
  return (
    <div className="banners">
      {errors.map((error) => (
        <div key={error.id} role="alert" className="banner banner-error">
          <div className="banner-body">
            <strong>Something went wrong.</strong> {error.message}
            {error.details && (
              <details>
                <summary>Details</summary>
                <pre>{error.details}</pre>
              </details>
            )}
          </div>
          <button type="button" className="btn btn-ghost" aria-label="Dismiss error" onClick={() => dismiss(error.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
