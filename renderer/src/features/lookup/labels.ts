// Plain-language labels for the device model (shared with main: electron/common/device-labels.ts), and local
// times in place of the ISO times main-side text may carry.
import { when } from '../../ui/format.ts';

export { complianceLabel, enrollmentLabel, joinTypeLabel, matchLabel, ownershipLabel, userModeLabel } from '../../../../electron/common/device-labels.ts';

const isoTime = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/** Text with every ISO 8601 time replaced by the technician's local time. */
export function localTimes(text: string): string {
  return text.replace(isoTime, (iso) => when(iso));
}
