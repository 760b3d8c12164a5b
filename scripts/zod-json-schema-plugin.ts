import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

/** zod's JSON Schema output: its two modules, as the renderer's bundle resolves them. */
const JSON_SCHEMA_MODULES = /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/;
const PREFIX = '\0zod-no-json-schema:';

/**
 * zod's schemas carry a converter to JSON Schema (about 17 KB before gzip) that every page loads
 * with zod, and the renderer never calls: it validates, it never describes a schema. For the
 * renderer build, the two modules become stand-ins with the same export names (read here from zod
 * itself) that say so if anything ever calls them; parsing is untouched. The back end, the CLI and
 * the tests keep the whole of zod.
 */
export function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'zod-without-json-schema',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/json-schema/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && JSON_SCHEMA_MODULES.test(resolved.id) ? PREFIX + resolved.id : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const real = (await import(pathToFileURL(id.slice(PREFIX.length)).href)) as Record<string, unknown>;
      const lines = ['const unavailable = () => { throw new Error("JSON Schema output is not part of the app\'s page bundle."); };'];
      for (const [name, value] of Object.entries(real)) {
        // Methods made when a schema is built (createToJSONSchemaMethod) are made; they fail only if called.
        const stand = typeof value !== 'function' ? '{}' : name.startsWith('create') ? '() => unavailable' : 'unavailable';
        lines.push(`export const ${name} = ${stand};`);
      }
      return lines.join('\n');
    },
  };
}
