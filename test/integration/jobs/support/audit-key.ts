// The audit key the kill-and-resume processes share, standing in for the one the keychain keeps.
import { auditKeyFrom } from '../../../../electron/services/audit/audit-key.ts';

export const keychainAuditKey = auditKeyFrom(Buffer.alloc(32, 9), true);
