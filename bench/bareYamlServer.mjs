/**
 * The yardstick of issue 15 item 10: a language server that only parses the
 * document with the `yaml` package (parseAllDocuments) when diagnostics are
 * pulled, and reports nothing. Same transport and document sync as ours, so
 * "whole-file diagnostics over LSP" of both servers compare the work, not the pipe.
 */
import { createConnection, DocumentDiagnosticReportKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

// the build Node takes for `yaml` (CommonJS), or with DST_BARE_YAML_BUILD=es the ES module build our bundles take (esbuild.mjs)
const { parseAllDocuments } = process.env.DST_BARE_YAML_BUILD === 'es' ? await import(new URL('../node_modules/yaml/browser/index.js', import.meta.url).href) : await import('yaml');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } }));
connection.languages.diagnostics.on((params) => {
  const document = documents.get(params.textDocument.uri);
  if (document) parseAllDocuments(document.getText());
  return { kind: DocumentDiagnosticReportKind.Full, items: [] };
});
documents.listen(connection);
connection.listen();
