// The two kinds of IPC channel. No Node and no DOM: both sides import this.
import { z } from 'zod';

/** renderer → main request with one argument and one result. */
export interface InvokeChannel<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly doc: string;
  readonly arg: A;
  readonly result: R;
}

/** main → renderer notification (progress, streamed results). */
export interface EventChannel<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly doc: string;
  readonly payload: P;
}

export type Channel = InvokeChannel | EventChannel;

export const invoke = <A extends z.ZodType, R extends z.ZodType>(doc: string, arg: A, result: R): InvokeChannel<A, R> => ({
  kind: 'invoke',
  doc,
  arg,
  result,
});

export const event = <P extends z.ZodType>(doc: string, payload: P): EventChannel<P> => ({ kind: 'event', doc, payload });

/** The argument of a channel that takes none. */
export const noArg = z.undefined();

/** The IPC message name of a channel: namespaced so nothing else on ipcMain can collide with it. */
export const ipcName = (channel: string): string => `helpdesk:${channel}`;
