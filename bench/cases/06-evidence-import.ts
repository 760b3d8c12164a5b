import { rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { exportXlsx, serviceCenterRows } from '../../test/support/evidence-files';
import { median, timeRuns, type BenchCase } from '../harness';

const ROWS = 100_000;
const MATCHING = 30_000;
const RUNS = 3;

/**
 * The customer's Errors export of 100,000 rows (.xlsx in the shape of a Service Center export, 30,000
 * of them 432s on two servers): preview (read, columns found, first rows) and import into an offline
 * session (read, counted with the playbook's matchers, recorded), each through the dispatcher as a
 * host calls it. The file is read in a worker thread: the host's event loop delay during the import
 * says whether it stayed responsive.
 */
const bench: BenchCase = {
  name: 'evidence import (100,000-row Errors export)',
  async run() {
    const file = await exportXlsx(serviceCenterRows({ matching: MATCHING, others: ROWS - MATCHING }));
    const contentBase64 = file.toString('base64');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'st-bench-evidence-'));
    const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'bench', notices: createNoticeBoard() });
    const call = async (method: string, input: unknown) => {
      const envelope = await services.dispatch(method, input);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value as { session: { id: string; probes: Record<string, { count: number }> } };
    };
    try {
      const preview = await timeRuns(RUNS, async () => {
        await call('evidence.preview', { fileName: 'errors-PRD.xlsx', contentBase64 });
      });
      const loop = monitorEventLoopDelay({ resolution: 10 });
      let counted = 0;
      const imported = await timeRuns(RUNS, async () => {
        const created = await call('sessions.create', { playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Bench' });
        loop.enable();
        const view = await call('sessions.importEvidence', { id: created.session.id, fileName: 'errors-PRD.xlsx', contentBase64 });
        loop.disable();
        counted = view.session.probes.errors!.count;
      });
      if (counted !== MATCHING) throw new Error(`counted ${counted} of ${MATCHING}`);
      return [
        { name: 'file size (.xlsx)', value: file.byteLength / 1024 / 1024, unit: 'MiB', note: `${ROWS.toLocaleString('en-US')} rows` },
        { name: 'evidence.preview (median)', value: median(preview), unit: 'ms', note: `${RUNS} runs` },
        { name: 'sessions.importEvidence (median)', value: median(imported), unit: 'ms', note: `${RUNS} runs, ${counted.toLocaleString('en-US')} matching` },
        { name: 'host event loop delay during import (max)', value: loop.max / 1e6, unit: 'ms', note: 'the file is read in a worker thread' },
      ];
    } finally {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
export default bench;
