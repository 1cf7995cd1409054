// App-level domain values shared by main and renderer.
import { z } from 'zod';

export const tenantModeSchema = z.enum(['demo', 'real']);

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** electron: the desktop app; browser: `npm start` without an Electron binary (demo tenant only). */
  host: z.enum(['electron', 'browser', 'test']),
  tenant: z.object({
    mode: tenantModeSchema,
    /** What the banner says, e.g. "Demo tenant — simulated Intune and Workspace ONE data". */
    label: z.string(),
  }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

/**
 * Origins the app may open in the OS browser: the admin portals a technician moves on to.
 * Anything else is refused in main, whatever the renderer asks.
 */
export const adminPortalOrigins = [
  'https://intune.microsoft.com',
  'https://endpoint.microsoft.com',
  'https://entra.microsoft.com',
  'https://portal.azure.com',
  'https://intune.microsoft.us',
  'https://portal.azure.us',
  'https://intune.microsoftonline.cn',
  'https://portal.azure.cn',
  'https://learn.microsoft.com',
  'https://docs.omnissa.com',
] as const;

/** Workspace ONE consoles live on per-tenant hosts such as cn1506.awmdm.com. */
export const ws1ConsoleHostPattern = /^cn\d+\.(awmdm\.com|airwatchportals\.com)$/;

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return (adminPortalOrigins as readonly string[]).includes(url.origin) || ws1ConsoleHostPattern.test(url.hostname);
}

export const externalUrlSchema = z.string().max(4096).refine(isAllowedExternalUrl, 'not an allowed admin-portal link');
