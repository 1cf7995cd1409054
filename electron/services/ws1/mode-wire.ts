// The wire shape of the Workspace ONE user-mode change (v3 `POST /api/mdm/devices/action`), either learned
// from the tenant's own API description or the best-known guess. Only the path, the version and the
// action names are documented; everything in `bestKnownModeWire` beyond them is unverified.

export interface Ws1ModeWire {
  /** True when derived from this tenant's API description. */
  verified: boolean;
  /** ISO time the description was read; null for the best-known shape. */
  learnedAt: string | null;
  /** Where the body shape came from (`/api/help/Docs/mdmv3`), or a sentence for the best-known shape. */
  source: string;
  path: string;
  version: number;
  body: {
    actionKey: string;
    actionValues: string[];
    deviceUuidsKey: string;
    organizationGroupUuidKey: string | null;
    countKey: string | null;
    reasonKey: string | null;
    required: string[];
  };
  /** Accepted / rejected lists in the 2xx answer; null when the description names none. */
  response: {
    status: number;
    acceptedKey: string | null;
    rejectedKey: string | null;
    rejectedUuidKey: string | null;
    rejectedReasonKey: string | null;
  } | null;
  /** Device-details property (dotted) holding the Windows user mode; null when no description names one. */
  userMode: { path: string; values: string[]; source: string } | null;
}

/**
 * Documented: path, version 3, the action enum (Omnissa Windows Multiuser guide, the tenant's API explorer).
 * Unverified: the property names (an API-explorer walk-through shows an organization-group UUID, device
 * UUIDs and the action), the response shape, any limit per call.
 */
export const bestKnownModeWire: Ws1ModeWire = {
  verified: false,
  learnedAt: null,
  source: 'best-known shape (not read from this tenant)',
  path: '/api/mdm/devices/action',
  version: 3,
  body: {
    actionKey: 'action',
    actionValues: ['MIGRATE_TO_MULTIUSER', 'CHANGE_TO_SINGLEUSER', 'CHANGE_TO_MULTIUSER', 'STEP_UP_TO_HUB_MANAGED'],
    deviceUuidsKey: 'device_uuids',
    organizationGroupUuidKey: null, // a walk-through shows an organization-group UUID; its property name is not public
    countKey: null,
    reasonKey: null,
    required: ['action', 'device_uuids'],
  },
  response: null,
  userMode: null,
};

/** The Tenants screen's line about mode changes on this tenant. */
export function modeWireStatusLine(wire: Ws1ModeWire | null): string {
  if (wire?.verified && wire.learnedAt) return `Mode changes: verified against this tenant's API description, ${wire.learnedAt.slice(0, 10)}`;
  return "Mode changes: request shape not verified on this tenant (its API description could not be read); the best-known shape is used and a change is never sent blind twice.";
}

export const unverifiedShapeNote = 'request shape not verified on this tenant';
