/**
 * PriorityClasses defined in YAML files of the workspace folders (not only in
 * open documents), so `priorityClassName` checks know them. Bounded: a few
 * thousand files, each under 1 MB, skipping node_modules and .git.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { priorityClassNames } from './languageService/diagnostics/workspacePriorityClasses';
import { parseYamlFile } from './languageService/yamlModel';

const MAX_FILES = 5000;
const MAX_BYTES = 1024 * 1024;
const SKIP = new Set(['node_modules', '.git']);

export async function scanPriorityClasses(folders: string[]): Promise<Set<string>> {
  const names = new Set<string>();
  let budget = MAX_FILES;
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (depth > 12 || budget <= 0) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (budget <= 0) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !entry.name.startsWith('.')) await visit(path, depth + 1);
      } else if (/\.ya?ml$/i.test(entry.name)) {
        budget--;
        try {
          if ((await stat(path)).size > MAX_BYTES) continue;
          const text = await readFile(path, 'utf8');
          if (!text.includes('PriorityClass')) continue;
          for (const name of priorityClassNames(parseYamlFile(text))) names.add(name);
        } catch {
          // unreadable file: ignore
        }
      }
    }
  };
  for (const folder of folders) await visit(folder, 0);
  return names;
}
