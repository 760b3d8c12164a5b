import { useUi } from '../../stores/ui';
import { NewSession } from './NewSession';
import { SessionList } from './SessionList';
import { Wizard } from './Wizard';
import './troubleshoot.css';

/**
 * Routes: #/troubleshoot (sessions and "New session"), #/troubleshoot/new[/<profileId>] (start one,
 * optionally on a saved environment, as the Environments page links), #/troubleshoot/<id> (the wizard).
 */
export function TroubleshootPage() {
  const rest = useUi((s) => s.route.rest);
  if (rest[0] === 'new') return <NewSession profileId={rest[1] ?? null} />;
  if (rest[0]) return <Wizard sessionId={rest[0]} />;
  return <SessionList />;
}
