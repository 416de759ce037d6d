import type { IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import type { Host } from '../../../app/host/contract.js';
import type { MainContext } from '../context.js';
import type { InvokeMethod } from './channels.js';

/** What a Host method resolves with, which its handler must return. */
export type HostResult<M extends InvokeMethod> = Awaited<ReturnType<Host[M]>>;

/**
 * One IPC command: the Host method it serves, the schema of its arguments (a tuple: exactly these, nothing
 * more), and what it does with arguments that passed the schema.
 */
export interface IpcHandler<M extends InvokeMethod, A extends readonly unknown[]> {
  readonly method: M;
  readonly args: z.ZodType<A>;
  run(ctx: MainContext, args: A, event: IpcMainInvokeEvent): Promise<HostResult<M>>;
}

export function defineHandler<M extends InvokeMethod, A extends readonly unknown[]>(handler: IpcHandler<M, A>): IpcHandler<M, A> {
  return handler;
}
