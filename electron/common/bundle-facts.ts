// Facts read from a diagnostics bundle open in the log viewer: for now what `dsregcmd /status` says
// (join state, the user's Primary Refresh Token, device and tenant ids) and diagnosis lines in plain words.
import { z } from 'zod';

export const joinStates = [
  'Microsoft Entra joined',
  'Microsoft Entra hybrid joined',
  'Domain joined',
  'On-premises DRS joined',
  'Microsoft Entra registered',
  'Not joined',
  'Unknown',
] as const;
export const joinStateSchema = z.enum(joinStates);
export type JoinState = z.infer<typeof joinStateSchema>;

export const dsregcmdFactsSchema = z.object({
  azureAdJoined: z.boolean().nullable(),
  domainJoined: z.boolean().nullable(),
  workplaceJoined: z.boolean().nullable(),
  enterpriseJoined: z.boolean().nullable(),
  joinState: joinStateSchema,
  /** The signed-in user's Primary Refresh Token from Microsoft Entra ID (SSO State: AzureAdPrt); null when not in the output. */
  azureAdPrt: z.boolean().nullable(),
  /** As written, e.g. "2026-07-30 08:01:12.000 UTC", or null. */
  azureAdPrtUpdateTime: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
  domainName: z.string().nullable(),
  /** Plain-language lines, the most important first. */
  diagnosis: z.array(z.string()),
});
export type DsregcmdFacts = z.infer<typeof dsregcmdFactsSchema>;

export const bundleFactsSchema = z.object({
  /** The session's dsregcmd output the facts come from (its path as the session shows it), or null. */
  dsregcmdPath: z.string().nullable(),
  dsregcmd: dsregcmdFactsSchema.nullable(),
});
export type BundleFacts = z.infer<typeof bundleFactsSchema>;
