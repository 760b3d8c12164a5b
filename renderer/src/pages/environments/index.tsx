export function EnvironmentsPage() {
  return (
    <section className="page">
      <header className="page-header">
        <h2>Environments</h2>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
