import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { isAppUrl } from '../appOrigin.js';
import type { MainContext } from '../context.js';
import { userMessage } from '../hostError.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type InvokeMethod, type IpcReply } from './channels.js';
import type { IpcHandler } from './handler.js';
import { HANDLERS } from './handlers.js';

/** Only the top frame of the studio, loaded from app://pastiche, may call main. */
export function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

function describeIssue(error: z.ZodError, count: number): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid arguments';
  if (issue.path.length === 0 && (issue.code === 'too_big' || issue.code === 'too_small')) {
    const expected = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    return `expected ${expected} argument${expected === 1 ? '' : 's'}, got ${count}`;
  }
  const [index, ...rest] = issue.path;
  const where = typeof index === 'number' ? `argument ${index + 1}${rest.length ? ` (${rest.join('.')})` : ''}: ` : '';
  return `${where}${issue.message}`;
}

/** Checks the sender and the arguments, runs the handler, and wraps its result or error in an IpcReply; refusals are logged. */
export async function invokeHandler<M extends InvokeMethod, A extends readonly unknown[]>(
  handler: IpcHandler<M, A>,
  ctx: MainContext,
  event: IpcMainInvokeEvent,
  raw: unknown[],
): Promise<IpcReply<unknown>> {
  const reply = await answer(handler, ctx, event, raw);
  if (!reply.ok) ctx.log.warn(`Host request ${handler.method} failed: ${reply.message}`);
  return reply;
}

async function answer<M extends InvokeMethod, A extends readonly unknown[]>(
  handler: IpcHandler<M, A>,
  ctx: MainContext,
  event: IpcMainInvokeEvent,
  raw: unknown[],
): Promise<IpcReply<unknown>> {
  if (!isTrustedSender(event)) return { ok: false, message: `${handler.method} refused: the request did not come from the Pastiche studio` };
  const parsed = handler.args.safeParse(raw);
  if (!parsed.success) return { ok: false, message: `${handler.method}: invalid request (${describeIssue(parsed.error, raw.length)})` };
  try {
    return { ok: true, value: await handler.run(ctx, parsed.data, event) };
  } catch (e) {
    const message = userMessage(e);
    if (message.startsWith('Something went wrong')) {
      console.error(`pastiche: ${handler.method} failed`, e);
      ctx.log.error(`${handler.method} failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    return { ok: false, message };
  }
}

/** Answers every Host method on its channel, and the studio's "listening for commands" signal. */
export function registerIpcHandlers(ipc: Pick<IpcMain, 'handle' | 'on'>, ctx: MainContext): void {
  for (const handler of Object.values(HANDLERS)) {
    ipc.handle(INVOKE_CHANNELS[handler.method], (event, ...raw: unknown[]) => invokeHandler(handler, ctx, event, raw));
  }
  ipc.on(EVENT_CHANNELS.commandsReady, (event) => {
    if (isTrustedSender(event)) ctx.commands.listening(event.sender);
  });
}
