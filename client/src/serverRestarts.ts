/**
 * The language client's error handler: restarts a crashed server within the
 * CrashBudget's bound, tells the user of the first restart once, and says so
 * when it gives up. (The placement view asks again once the server runs: see
 * PlacementController.)
 */
import * as vscode from 'vscode';
import type { CloseHandlerResult, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient/node';
import { CloseAction, ErrorAction } from 'vscode-languageclient/node';
import { CRASH_WINDOW_MS, CrashBudget, MAX_CRASHES } from './crashBudget';

export const RESTARTED_MESSAGE = 'The DaemonSet language server stopped unexpectedly and is being restarted: diagnostics and the placement preview come back on their own. The output channel "DaemonSet Tools" says what happened.';
export const GAVE_UP_MESSAGE = `The DaemonSet language server crashed ${MAX_CRASHES} times within ${CRASH_WINDOW_MS / 60_000} minutes and is not restarted again: diagnostics, completion and the placement preview are off until the window is reloaded. The output channel "DaemonSet Tools" says what happened.`;

export class ServerRestarts implements ErrorHandler {
  private readonly budget = new CrashBudget();

  /**
   * A read or write error on the connection: keep going. A dead server also
   * closes the connection, and `closed` decides about the restart; shutting
   * down here (the library's default after 3 errors) would stop the client
   * without ever asking `closed`, so a crash during a burst of requests would
   * never be restarted.
   */
  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const verdict = this.budget.crashed(Date.now());
    const show = (ask: typeof vscode.window.showWarningMessage, message: string) =>
      void ask(message, 'Show Output').then((choice) => (choice ? vscode.commands.executeCommand('daemonsetTools.showOutput') : undefined));
    if (!verdict.restart) {
      show(vscode.window.showErrorMessage, GAVE_UP_MESSAGE);
      return { action: CloseAction.DoNotRestart, message: GAVE_UP_MESSAGE, handled: true };
    }
    if (verdict.tell === 'restarted') show(vscode.window.showWarningMessage, RESTARTED_MESSAGE);
    // handled: the client only logs it (the user was told above, once)
    return { action: CloseAction.Restart, message: `The language server stopped (crash ${verdict.crashes} within ${CRASH_WINDOW_MS / 60_000} minutes): restarting it.`, handled: true };
  }
}
