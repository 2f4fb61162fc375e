import { CopyLink } from './CopyLink';
import { ResetDefaults } from './ResetDefaults';

/** The page-level buttons every page carries: copy the link to this view, and reset its settings. */
export function PageActions() {
  return (
    <div className="page-actions" data-testid="page-actions">
      <CopyLink />
      <ResetDefaults />
    </div>
  );
}
