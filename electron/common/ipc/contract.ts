// The single source of truth for every IPC channel between renderer and main.
// Each key is a channel: the preload exposes exactly one function of that name on `window.helpdesk`,
// main registers exactly one handler (invoke) or emitter (event) for it, and both validate with these schemas.
import { z } from 'zod';
import { appErrorSchema } from '../errors.ts';
import { event, invoke, noArg, type Channel, type EventChannel, type InvokeChannel } from './channel.ts';
import { appInfoSchema, externalUrlSchema, themeSchema } from '../app.ts';

export const contract = {
  getAppInfo: invoke('Version, platform, and whether the demo tenant or a real one is connected.', noArg, appInfoSchema),
  getTheme: invoke('The theme the technician chose (system follows the OS).', noArg, themeSchema),
  setTheme: invoke('Remember the chosen theme.', themeSchema, z.null()),
  openExternal: invoke(
    'Open an admin-portal link in the OS browser; refused unless its origin is on the allowlist.',
    externalUrlSchema,
    z.null(),
  ),
  onNotice: event(
    'A message from main for the status bar (tenant started, a background task failed, ...).',
    z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string(), error: appErrorSchema.optional() }),
  ),
} satisfies Record<string, Channel>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;

export type InvokeName = { [K in ChannelName]: Contract[K] extends InvokeChannel ? K : never }[ChannelName];
export type EventName = { [K in ChannelName]: Contract[K] extends EventChannel ? K : never }[ChannelName];

export type ArgOf<K extends InvokeName> = z.input<Contract[K]['arg']>;
export type ResultOf<K extends InvokeName> = z.output<Contract[K]['result']>;
export type PayloadOf<K extends EventName> = z.output<Contract[K]['payload']>;

export const channelNames = Object.keys(contract) as ChannelName[];
export const invokeNames = channelNames.filter((n) => contract[n].kind === 'invoke') as InvokeName[];
export const eventNames = channelNames.filter((n) => contract[n].kind === 'event') as EventName[];
