/**
 * PriorityClasses defined in YAML files of the workspace folders (not only in
 * open documents), so `priorityClassName` checks know them. Bounded: a few
 * thousand files, each under 1 MB, skipping node_modules and .git, regular
 * files only, and never a symbolic link out of the folder.
 */
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { linkRefusalAsync } from './files/folderLinks';
import { readTextFileAsync } from './files/readTextFile';
import { priorityClassNames } from './languageService/diagnostics/workspacePriorityClasses';
import { parseYamlFile } from './languageService/yamlModel';

const MAX_FILES = 5000;
const MAX_BYTES = 1024 * 1024;
const SKIP = new Set(['node_modules', '.git']);

export async function scanPriorityClasses(folders: string[]): Promise<Set<string>> {
  const names = new Set<string>();
  let budget = MAX_FILES;
  const visit = async (dir: string, depth: number, realRoot: string): Promise<void> => {
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
        if (!SKIP.has(entry.name) && !entry.name.startsWith('.')) await visit(path, depth + 1, realRoot);
      } else if (/\.ya?ml$/i.test(entry.name)) {
        budget--;
        if (entry.isSymbolicLink() && (await linkRefusalAsync(path, realRoot))) continue;
        // a FIFO, a device, a directory named *.yaml or a big file: not read (nothing to tell the user about a scan)
        const read = await readTextFileAsync(path, { maxBytes: MAX_BYTES });
        if (!read.ok || !read.text.includes('PriorityClass')) continue;
        for (const name of priorityClassNames(parseYamlFile(read.text))) names.add(name);
      }
    }
  };
  for (const folder of folders) {
    let realRoot: string;
    try {
      realRoot = await realpath(folder);
    } catch {
      continue;
    }
    await visit(folder, 0, realRoot);
  }
  return names;
}
