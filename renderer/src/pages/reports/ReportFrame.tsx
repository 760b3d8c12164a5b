/**
 * Shows report HTML exactly as it is printed, isolated from the app: an iframe with srcdoc and an
 * empty sandbox (no scripts, no forms, no navigation of the app).
 */
export function ReportFrame({ html, title }: { html: string; title: string }) {
  return <iframe className="report-frame" title={title} sandbox="" srcDoc={html} />;
}
