/**
 * The globs of `ignore:` in .daemonset-tools.yaml, as .gitignore-style users
 * write them: `**` any folders, `*` and `?` within a name, `{a,b}`
 * alternatives; a pattern without a slash matches a name at any depth.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/^\.\//, '');
  const anchored = pattern.includes('/') && !pattern.startsWith('**/');
  if (pattern.endsWith('/')) pattern += '**';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${pattern.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else out += escape(c);
  }
  // a folder pattern also covers what is inside it
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out}(?:/.*)?$`);
}

function escape(text: string): string {
  return text.replace(/[.+^$()|[\]\\{}*?]/g, '\\$&');
}

/** Whether a path (relative to the config file's folder, `/`-separated) matches any glob. */
export function matchesAny(relativePath: string, globs: readonly RegExp[]): boolean {
  return globs.some((glob) => glob.test(relativePath));
}

/**
 * Why a glob of `ignore:` can match nothing (or not what it says), or
 * undefined when it is fine: paths are matched relative to the
 * configuration's folder, with `/` between folders.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'an empty pattern matches nothing: remove it';
  if (glob.startsWith('/')) return `\`${glob}\` starts with \`/\`, but patterns are relative to this file's folder: write \`${glob.replace(/^\/+/, '')}\``;
  if (glob.split('/').includes('..')) return `\`${glob}\` reaches above this file's folder with \`..\`: only files under the folder are matched; move the pattern to a configuration higher up, or remove it`;
  if (glob.includes('\\')) return `\`${glob}\` has a backslash: write \`/\` between folders (a backslash is taken literally)`;
  const open = glob.indexOf('{');
  if (open >= 0 && glob.indexOf('}', open) < 0) return `\`${glob}\` opens \`{\` without a closing \`}\`: the brace is taken literally; add the \`}\``;
  if (glob.includes('[')) return `\`${glob}\`: character classes (\`[…]\`) are not supported, \`[\` is taken literally; list the names with \`{a,b}\` instead`;
  return undefined;
}
