import { createClient, inProcessTransport, type ToolkitClient } from '../../shared/api/client';
import type { Services } from './create-services';

/**
 * The typed client over this process's dispatcher, for the CLI and the tests:
 * `client['reports.export']({ sessionId, format: 'md' })` validates, runs and maps errors exactly as
 * IPC and HTTP do, and throws an ApiError instead of returning an envelope.
 */
export function createInProcessClient(services: Pick<Services, 'dispatch'>): ToolkitClient {
  return createClient(inProcessTransport(services.dispatch));
}
