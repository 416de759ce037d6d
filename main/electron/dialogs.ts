import { dialog, type MessageBoxOptions, type MessageBoxReturnValue, type OpenDialogOptions, type OpenDialogReturnValue, type SaveDialogOptions, type SaveDialogReturnValue } from 'electron';
import type { MainContext } from './context.js';

/** The system dialogs, attached to the studio window when it is open (sheets on macOS, modal elsewhere). */

export function showOpenDialog(ctx: MainContext, options: OpenDialogOptions): Promise<OpenDialogReturnValue> {
  const window = ctx.window();
  return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
}

export function showSaveDialog(ctx: MainContext, options: SaveDialogOptions): Promise<SaveDialogReturnValue> {
  const window = ctx.window();
  return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
}

export function showMessageBox(ctx: MainContext, options: MessageBoxOptions): Promise<MessageBoxReturnValue> {
  const window = ctx.window();
  return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
}
