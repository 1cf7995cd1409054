// The automatic primary-user goals (last / most frequent user) choose per device from the Entra sign-in logs
// (graph/device-users.ts), with Intune's usersLoggedOn as the fallback, when the plan is made: each target
// carries who was chosen and which source decided, so the preview can say it and decide() uses it. A device
// with no eligible user keeps a choice of nobody, and the preview lists it as such.
import { AppError } from '../../common/errors.ts';
import type { JobTarget, ModeGoal, TargetResolution } from '../../common/jobs.ts';
import { chooseDeviceUsers, choiceText, type DeviceUsersInput, type SignInLogReader } from '../graph/device-users.ts';
import { intuneIneligibility } from './catalogue.ts';
import { inParallel } from './in-parallel.ts';

export const autoUserGoal = (g: ModeGoal): g is Extract<ModeGoal, { kind: 'lastSignedIn' | 'mostFrequent' }> => g.kind === 'lastSignedIn' || g.kind === 'mostFrequent';

/** How far back "last signed-in user" looks in the sign-in logs. */
export const lastUserDays = 30;

/**
 * Once the tenant refuses the logs (no licence, no permission), later devices are not asked again: the first
 * call goes alone, the others wait for it, so a refusing tenant answers one 403 per plan, not one per device.
 */
export function refusedOnce(reader: SignInLogReader): SignInLogReader {
  let refusal: AppError | null = null;
  let first: Promise<unknown> | null = null;
  return {
    async windowsSignIns(id, since, signal) {
      if (first) await first.catch(() => {});
      if (refusal) throw refusal;
      const call = reader.windowsSignIns(id, since, signal).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'forbidden') refusal = err;
        throw err;
      });
      first ??= call;
      return call;
    },
  };
}

function usersInput(t: NonNullable<JobTarget['intune']>): DeviceUsersInput {
  const last = new Map<string, { id: string | null; upn: string | null; lastSignIn: string }>();
  for (const s of t.signIns ?? []) {
    const k = (s.upn ?? s.id).toLowerCase();
    if (!last.has(k) || last.get(k)!.lastSignIn < s.at) last.set(k, { id: s.id, upn: s.upn ?? null, lastSignIn: s.at });
  }
  return { azureAdDeviceId: t.azureAdDeviceId ?? null, loggedOnUsers: [...last.values()], enrollmentAccounts: t.enrollmentAccounts ?? [] };
}

export interface ChooseOptions {
  reader: SignInLogReader | null;
  now: number;
  /** The tenant's own never-choose patterns, on top of the built-in ones. */
  patterns?: readonly string[];
  signal?: AbortSignal;
}

/** Every eligible Intune target of the plan gets its `userChoice`; others are left as they are. */
export async function chooseUsersForPlan(resolutions: TargetResolution[], goal: ModeGoal, o: ChooseOptions): Promise<TargetResolution[]> {
  if (!autoUserGoal(goal)) return resolutions;
  const days = goal.kind === 'mostFrequent' ? goal.days : lastUserDays;
  const reader = o.reader && refusedOnce(o.reader);
  const choose = async (t: JobTarget): Promise<JobTarget> => {
    const intune = t.intune;
    if (!intune || intuneIneligibility(t) !== undefined) return t;
    const choice = await chooseDeviceUsers(reader, usersInput(intune), { days, now: o.now, patterns: o.patterns, signal: o.signal });
    const user = goal.kind === 'lastSignedIn' ? choice.last : choice.mostFrequent;
    return { ...t, intune: { ...intune, userChoice: { user, source: user ? choice.source : 'none', text: choiceText(choice, goal.kind === 'lastSignedIn' ? 'last' : 'mostFrequent') } } };
  };
  // one sign-in-log query per device (more pages for a busy one), a few at a time, each device once
  const unique = [...new Map(resolutions.filter((r) => r.matches.length === 1).map((r) => [r.matches[0].key, r.matches[0]])).values()];
  const chosen = new Map((await inParallel(unique, 4, choose)).map((t) => [t.key, t]));
  return resolutions.map((r) => (r.matches.length === 1 ? { ...r, matches: [chosen.get(r.matches[0].key) ?? r.matches[0]] } : r));
}
