/**
 * The built preload (out/preload/index.cjs, what Electron really loads) run in a bare VM context
 * with a stand-in `electron` module: it must expose exactly the contract's methods plus onEvent, and
 * never hand ipcRenderer or the IPC event object to the page.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../electron/server/build-if-needed';
import { IPC_EVENT_CHANNEL } from '../../shared/api/bridge';
import { methodNames } from '../../shared/api/contract';

const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'out', 'preload', 'index.cjs');

interface Recorded {
  exposed: Array<{ key: string; api: Record<string, unknown> }>;
  invoked: unknown[][];
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
  ipcRenderer: Record<string, unknown>;
}

async function loadPreload(): Promise<Recorded> {
  const code = await fs.readFile(bundle, 'utf8');
  const recorded: Recorded = { exposed: [], invoked: [], listeners: new Map(), ipcRenderer: {} };
  const ipcRenderer = {
    invoke: (...args: unknown[]) => {
      recorded.invoked.push(args);
      return Promise.resolve({ ok: true, value: 'answer' });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!recorded.listeners.has(channel)) recorded.listeners.set(channel, new Set());
      recorded.listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      recorded.listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    send: () => {
      throw new Error('the preload must not send');
    },
  };
  recorded.ipcRenderer = ipcRenderer;
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => recorded.exposed.push({ key, api }) },
    ipcRenderer,
  };
  const fakeRequire = (id: string) => {
    // A sandboxed preload can require only a few built-ins; npm packages must be bundled in.
    if (id === 'electron') return electron;
    throw new Error(`The sandboxed preload cannot require "${id}"`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: fakeRequire, module, exports: module.exports, console }, { filename: bundle });
  return recorded;
}

function emit(recorded: Recorded, channel: string, ...args: unknown[]): void {
  for (const listener of recorded.listeners.get(channel) ?? []) listener(...args);
}

describe('built preload bundle', () => {
  let recorded: Recorded;
  let api: Record<string, unknown>;

  beforeAll(async () => {
    await buildIfStale(root, { output: 'out/preload/index.cjs', sources: ['electron/preload', 'shared'] });
    recorded = await loadPreload();
    api = recorded.exposed[0]!.api;
  }, 120_000);

  it('exposes one object, window.toolkit, with exactly the contract methods and onEvent', () => {
    expect(recorded.exposed.map((e) => e.key)).toEqual(['toolkit']);
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onEvent'].sort());
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');
    // One write path: the raw probe writes are not offered to the page (test/security/write-path.test.ts).
    for (const removed of ['probes.apply', 'probes.undo', 'probes.audit']) expect(api[removed], removed).toBeUndefined();
  });

  it('turns a method call into an invoke on toolkit:<name> and returns only the reply', async () => {
    const name = methodNames[0]!;
    const reply = await (api[name] as (input: unknown, callId?: string) => Promise<unknown>)({ a: 1 }, 'call-1');
    expect(recorded.invoked.at(-1)).toEqual([`toolkit:${name}`, { a: 1 }, 'call-1']);
    expect(reply).toEqual({ ok: true, value: 'answer' });
    expect(reply).not.toBe(recorded.ipcRenderer);
  });

  it('every method invokes its own channel', async () => {
    for (const name of methodNames) await (api[name] as (input: unknown) => Promise<unknown>)({});
    expect(recorded.invoked.slice(-methodNames.length).map((args) => args[0])).toEqual(methodNames.map((n) => `toolkit:${n}`));
  });

  it('passes valid progress events on without the IPC event object, drops malformed ones, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = (api.onEvent as (l: (...args: unknown[]) => void) => () => void)((...args) => received.push(args));
    const ipcEvent = { sender: recorded.ipcRenderer, ports: [] };
    emit(recorded, IPC_EVENT_CHANNEL, ipcEvent, { kind: 'progress', callId: 'c1', message: 'Reading threads', fraction: 0.5 });
    emit(recorded, IPC_EVENT_CHANNEL, ipcEvent, { kind: 'progress', callId: 'c1', message: 'too far', fraction: 7 });
    emit(recorded, IPC_EVENT_CHANNEL, ipcEvent, 'garbage');
    expect(received).toEqual([[{ kind: 'progress', callId: 'c1', message: 'Reading threads', fraction: 0.5 }]]);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    emit(recorded, IPC_EVENT_CHANNEL, ipcEvent, { kind: 'progress', callId: 'c1', message: 'after' });
    expect(received).toHaveLength(1);
    expect(recorded.listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0).toBe(0);
  });
});
