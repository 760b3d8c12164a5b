// One finder for the tests, the benchmarks and the PDF printer: it lives with the printer.
export { CHROMIUM_ARGS, chromiumPath } from '../../electron/services/reports/chromium-path';
