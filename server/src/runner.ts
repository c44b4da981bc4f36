/**
 * Guards for LSP handlers: an exception or a cancellation never reaches the
 * client as a crash; it becomes a log line and an empty answer.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';

export function guard<T>(connection: Connection, name: string, empty: T, fn: () => T, token?: CancellationToken): T {
  if (token?.isCancellationRequested) return empty;
  try {
    return fn();
  } catch (error) {
    connection.console.error(`[${name}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return empty;
  }
}

export async function guardAsync<T>(connection: Connection, name: string, empty: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    connection.console.error(`[${name}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return empty;
  }
}

/** An LSP cancellation as an AbortSignal (what Node's child processes take). */
export function abortSignal(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
