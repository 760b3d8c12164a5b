import type { z } from 'zod';
import type { MethodDef } from './define';
import { appMethods } from './methods/app';
import { settingsMethods } from './methods/settings';
import { whatIfMethods } from './methods/whatif';
import { profileMethods } from './methods/profiles';
import { demoMethods } from './methods/demo';
import { playbookMethods } from './methods/playbooks';
import { sessionMethods } from './methods/sessions';
import { reportMethods } from './methods/reports';
import { evidenceMethods } from './methods/evidence';
import { smtpCheckMethods } from './methods/smtp-check';

/**
 * The whole API, declared once. One file per namespace under methods/: `settings.*` in
 * settings.ts, `playbooks.*` in playbooks.ts, and so on.
 */
export const contract = {
  ...appMethods,
  ...settingsMethods,
  ...whatIfMethods,
  ...profileMethods,
  ...demoMethods,
  ...playbookMethods,
  ...sessionMethods,
  ...reportMethods,
  ...evidenceMethods,
  ...smtpCheckMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

type DefOf<M extends MethodName> = Contract[M] extends MethodDef ? Contract[M] : never;
/** What a caller passes (defaults still optional). */
export type MethodInput<M extends MethodName> = z.input<DefOf<M>['input']>;
/** What a handler receives after validation (defaults filled in). */
export type MethodParsedInput<M extends MethodName> = z.output<DefOf<M>['input']>;
export type MethodResult<M extends MethodName> = DefOf<M> extends MethodDef<z.ZodType, infer R> ? R : never;

/** The methods that report progress and can be cancelled (`method(..., { long: true })`). */
export type LongMethodName = { [M in MethodName]: DefOf<M>['long'] extends true ? M : never }[MethodName];

export function isLongMethod(name: string): name is LongMethodName {
  return isMethodName(name) && contract[name].long === true;
}
