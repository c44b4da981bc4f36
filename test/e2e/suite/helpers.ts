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

/** The pause between two looks at a condition (never a wait for something to happen by itself: see `eventually`). */
function pollPause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}

/** Polls until fn returns a value (the language server answers asynchronously). */
export async function eventually<T>(fn: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pollPause();
  }
}

/** Waits until the process `pid` has ended (a killed server, a stopped helm). */
export function processGone(pid: number, what: string): Promise<true> {
  return eventually(() => {
    try {
      process.kill(pid, 0);
      return undefined;
    } catch {
      return true;
    }
  }, what);
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
 * Records a frame of the README's animation (docs/images/placement.gif),
 * shown for `hold` frames; only under `npm run screenshots`.
 */
export async function recordFrame(hold = 1): Promise<void> {
  const { shotsDir, pictures } = suiteConfig();
  if (!shotsDir || !pictures) return;
  const name = `frame-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(shotsDir, `${name}.frame-request`), JSON.stringify({ hold }));
  await eventually(() => (existsSync(join(shotsDir, `${name}.frame-done`)) ? true : undefined), 'a frame of the animation', 30_000);
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

/**
 * Waits until the workbench shows what `selector` matches with a text that
 * `wanted` accepts, and returns those texts. Without a harness (under
 * test-electron, whose DOM a test cannot read) it returns at once: the specs
 * then rely on VS Code handling the extension's messages in order.
 */
export async function waitForRendered(selector: string, wanted: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string[] | undefined> {
  if (!suiteConfig().shotsDir) return undefined;
  return eventually(async () => {
    const texts = await renderedTexts(selector);
    return texts?.some(wanted) ? texts : undefined;
  }, what, timeoutMs);
}

/** The quick pick (VS Code hides it with display: none, so only a shown one matches). */
export const SHOWN_QUICK_PICK = '.quick-input-widget:not([style*="display: none"])';

/**
 * Waits until the quick pick titled `title` is shown with an entry that
 * `entry` accepts (so moving in it and accepting act on it, not on nothing).
 */
export async function waitForQuickPick(title: string, entry: (label: string) => boolean): Promise<void> {
  await waitForRendered(`${SHOWN_QUICK_PICK} .quick-input-title`, (text) => text.includes(title), `the quick pick "${title}"`);
  await waitForRendered(`${SHOWN_QUICK_PICK} .quick-input-list .monaco-list-row`, entry, `the entries of the quick pick "${title}"`);
}

/**
 * Waits until a notification that `wanted` accepts is listed in the
 * notification center (the workbench shows no toasts while the smoke-test
 * driver runs it, so the center is where a test sees them), then closes the
 * center. Does nothing without a harness.
 */
export async function waitForNotification(wanted: (message: string) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  if (!suiteConfig().shotsDir) return;
  await vscode.commands.executeCommand('notifications.showList');
  try {
    await waitForRendered('.notifications-center .notification-list-item-message', wanted, what, timeoutMs);
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}
