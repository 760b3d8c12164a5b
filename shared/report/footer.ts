import { escapeHtml } from './escape';

/**
 * The PDF page footer: the report title and "Page n of m". Chromium fills the pageNumber and
 * totalPages spans; the template is rendered apart from the document, so it carries its own font
 * size (Chromium's default there is tiny) and its own font stack.
 */
export function pdfFooterTemplate(title: string): string {
  const font = "font-family:'Noto Sans','Noto Sans CJK SC','Microsoft YaHei','PingFang SC','Segoe UI',Arial,sans-serif;font-size:8pt;color:#555;";
  return (
    `<div style="${font}width:100%;margin:0 14mm;display:flex;justify-content:space-between;gap:12px;">` +
    `<span style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap;">${escapeHtml(title)}</span>` +
    `<span style="white-space:nowrap;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>` +
    `</div>`
  );
}

/** Page margins of the PDF; the bottom one leaves room for the footer. */
export const PDF_MARGINS_MM = { top: 14, right: 14, bottom: 18, left: 14 } as const;
