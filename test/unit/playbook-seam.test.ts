import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMatcherExamples } from '../../shared/incidents/matcher';
import { BUILT_IN_PLAYBOOKS } from '../../shared/playbooks';
import { PROBE_NAMES } from '../../shared/wizard/playbook';
import { diskFullPlaybook } from '../fixtures/playbooks/disk-full';

/**
 * A playbook is data in its own folder: the engine, the sessions service, the report and the pages
 * know no incident. These folders must not name one: no status code, no parameter, no probe id.
 */
const GENERIC = ['shared/wizard', 'electron/services/sessions', 'shared/report', 'renderer/src/pages/troubleshoot', 'renderer/src/pages/reports'];
const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const playbooks = [...BUILT_IN_PLAYBOOKS, diskFullPlaybook];

describe('the seam between the engine and the playbooks', () => {
  it('the generic folders name no incident: no status code, parameter or probe id of a playbook', () => {
    const words = [/\b432\b/, /4\.3\.2/, /5\.7\.\d+/, /5\.2\.0/, /NumberOfThreadsForEmails/, /IM-2795/];
    // "servers" is also a generic fact editor (a list of servers), which any playbook may use.
    const editors = new Set(['servers']);
    const probeIds = new Set(playbooks.flatMap((p) => Object.keys(p.probes ?? {})).filter((id) => !editors.has(id)));
    const found: string[] = [];
    for (const dir of GENERIC) {
      for (const file of sourceFiles(path.join(root, dir))) {
        const text = readFileSync(file, 'utf8');
        for (const word of words) if (word.test(text)) found.push(`${path.relative(root, file)}: ${word.source}`);
        for (const id of probeIds) if (new RegExp(`['"\`]${id}['"\`]`).test(text)) found.push(`${path.relative(root, file)}: probe id "${id}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it.each(playbooks.map((p) => [p.id, p] as const))(
    '%s: its matchers pass their own examples, its probes exist, its steps name only its probes',
    (_id, playbook) => {
      expect(playbook.matchers.length).toBeGreaterThan(0);
      for (const matcher of playbook.matchers) expect(checkMatcherExamples(matcher)).toEqual([]);
      for (const use of Object.values(playbook.probes ?? {})) expect(PROBE_NAMES).toContain(use.probe);
      const declared = new Set(Object.keys(playbook.probes ?? {}));
      for (const step of playbook.steps) for (const probe of step.probes ?? []) expect(declared.has(probe)).toBe(true);
      for (const probe of playbook.verification.probes) expect(declared.has(probe)).toBe(true);
      expect(playbook.report.title('PRD')).toContain('PRD');
    },
  );
});
