// Methods of this feature are added here; shared/api/contract.ts already includes them.
export const sessionMethods = {};
