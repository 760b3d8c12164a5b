import path from 'node:path';
import type { Plugin } from 'vite';
import { contract } from '../shared/api/contract';

const CLIENT = path.resolve(__dirname, '..', 'shared', 'api', 'client.ts');
const NAMES_ONLY = '\0contract-names-only';

/**
 * The renderer's API client needs only the method names and which of them are long; the contract
 * also holds every input schema (zod and the capacity engine's types), about a tenth of the page's
 * initial JavaScript. For the renderer build, the client's import of the contract becomes a module
 * of those two facts, computed here from the contract itself, so nothing is listed twice. The back
 * end still validates every input with the full schemas.
 */
export function contractNamesOnly(): Plugin {
  return {
    name: 'contract-names-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && path.resolve(importer) === CLIENT && source === './contract') return NAMES_ONLY;
      return null;
    },
    load(id) {
      if (id !== NAMES_ONLY) return null;
      const names = Object.keys(contract);
      const long = names.filter((name) => contract[name as keyof typeof contract].long === true);
      return [
        `export const methodNames = ${JSON.stringify(names)};`,
        `const LONG = new Set(${JSON.stringify(long)});`,
        'export function isLongMethod(name) { return LONG.has(name); }',
      ].join('\n');
    },
  };
}
