/**
 * One YAML model per open document version, shared by every handler.
 * A new version is parsed with the previous model as a base, so only the YAML
 * documents whose text changed are parsed again.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { YamlFile } from './languageService/yamlModel';
import { parseYamlFile } from './languageService/yamlModel';

interface Entry {
  version: number;
  file: YamlFile;
}

export class DocumentModels {
  private readonly entries = new Map<string, Entry>();

  /** The model of the document's current version (parsed at most once per version). */
  get(document: TextDocument): YamlFile {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry.file;
    const file = parseYamlFile(document.getText(), entry?.file);
    this.entries.set(document.uri, { version: document.version, file });
    return file;
  }

  /** The model if it is already parsed, without parsing (for cross-document look-ups). */
  peek(uri: string): YamlFile | undefined {
    return this.entries.get(uri)?.file;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
