/** Helpers for specs running inside VS Code. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DaemonSetToolsApi } from '../../../client/src/extension';
import { suiteConfig } from './index';

export const EXTENSION_ID = 'daemonset-tools.daemonset-tools';

export async function activateExtension(): Promise<DaemonSetToolsApi> {
  const extension = vscode.extensions.getExtension<DaemonSetToolsApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** A workspace file (the harness copies examples/ into a temp workspace). */
export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until fn returns a value (the language server answers asynchronously). */
export async function eventually<T>(fn: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Asks the harness for a screenshot of the workbench (saved to docs/images/<name>.png)
 * and waits until it is taken. Without a harness (e.g. under test-electron) it does nothing.
 */
export async function screenshot(name: string): Promise<void> {
  const { shotsDir } = suiteConfig();
  if (!shotsDir) return;
  writeFileSync(join(shotsDir, `${name}.request`), '');
  await eventually(() => (existsSync(join(shotsDir, `${name}.done`)) ? true : undefined), `screenshot ${name}`, 30_000);
}

/**
 * The text of the workbench elements a CSS selector matches, read from the
 * DOM by the harness (undefined without a harness, e.g. under test-electron).
 */
export async function renderedTexts(selector: string): Promise<string[] | undefined> {
  const { shotsDir } = suiteConfig();
  if (!shotsDir) return undefined;
  const name = `dom-${Date.now()}`;
  writeFileSync(join(shotsDir, `${name}.dom-request`), selector);
  const answer = join(shotsDir, `${name}.dom.json`);
  await eventually(() => (existsSync(answer) ? true : undefined), `the rendered ${selector}`, 30_000);
  return JSON.parse(readFileSync(answer, 'utf8')) as string[];
}

/**
 * Clicks, through the harness's browser, the first visible workbench element
 * matching the CSS selector whose text contains `text` (a walkthrough button,
 * a welcome-view button). Resolves whether something was clicked; false
 * without a harness.
 */
export async function clickRendered(selector: string, text: string): Promise<boolean> {
  const { shotsDir } = suiteConfig();
  if (!shotsDir) return false;
  const name = `click-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(shotsDir, `${name}.click-request`), JSON.stringify({ selector, text }));
  const answer = join(shotsDir, `${name}.click.json`);
  await eventually(() => (existsSync(answer) ? true : undefined), `a click on ${selector} "${text}"`, 30_000);
  return JSON.parse(readFileSync(answer, 'utf8')) as boolean;
}
