/**
 * Wires the pure language service to LSP: capabilities, handlers, custom requests.
 * Every handler is guarded: an exception becomes a log line and an empty answer.
 * The entry file (serverMain.ts) makes the connection, so tests could hand this
 * an in-memory one.
 */
import type { Connection, Hover } from 'vscode-languageserver';
import { MarkupKind, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentModels } from './documentModels';
import { loadApiModel } from './languageService/apiModel';
import { hover } from './languageService/hover';
import { guard } from './runner';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new DocumentModels();
  const model = loadApiModel();

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
    },
    serverInfo: { name: 'daemonset-tools', version: `Kubernetes ${model.kubernetesVersion}` },
  }));

  connection.onHover(({ textDocument, position }, token) =>
    guard<Hover | null>(connection, 'hover', null, () => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      const file = models.get(document);
      const result = hover(file, file.lineIndex.offsetAt(position), model);
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: file.lineIndex.range(result.start, result.end) };
    }, token),
  );

  documents.onDidClose(({ document }) => models.delete(document.uri));
  documents.listen(connection);
  connection.listen();
}
