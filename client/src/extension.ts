/** Extension entry: starts the language server and wires the views. */
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // filled in by the client work
}

export function deactivate(): void {}
