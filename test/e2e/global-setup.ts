import path from 'node:path';
import { buildRendererIfNeeded } from '../../electron/server/build-if-needed';

/** The suite drives the built renderer, so build it once if it is missing or stale. */
export default async function globalSetup(): Promise<void> {
  await buildRendererIfNeeded(path.resolve(__dirname, '..', '..'), (line) => console.log(line));
}
