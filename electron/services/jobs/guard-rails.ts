// The connected tenant's guard rails: the profiles' own thresholds where they set them (the stricter of
// the Intune and the Workspace ONE profile's when both do), else the defaults (100 / 1,000).
import { defaultGuardRails, type GuardRails } from '../../common/jobs.ts';

export interface GuardedProfile {
  name: string;
  guardRails?: { reasonAbove: number; stageAbove: number };
}

export function tenantGuardRails(profiles: ReadonlyArray<GuardedProfile | undefined>): GuardRails {
  const set = profiles.filter((p): p is GuardedProfile & { guardRails: NonNullable<GuardedProfile['guardRails']> } => Boolean(p?.guardRails));
  if (!set.length) return defaultGuardRails;
  return {
    reasonAbove: Math.min(...set.map((p) => p.guardRails.reasonAbove)),
    stageAbove: Math.min(...set.map((p) => p.guardRails.stageAbove)),
    source: `set in the tenant profile${set.length > 1 ? 's' : ''} ${set.map((p) => `“${p.name}”`).join(' and ')}`,
  };
}
