/**
 * The offer both Kubernetes schemas of the YAML extension get (the one of
 * `yaml.schemas`, the one the Kubernetes extension contributes): when a
 * DaemonSet file the schema reaches is opened, ask once per session whether to
 * take DaemonSet files out of it; once accepted, files opened later are taken
 * out as they are met; "Don't Ask Again" is remembered for the workspace.
 */
import * as vscode from 'vscode';
import { holdsDaemonSet } from './kubernetesSchema';

const NOT_NOW = 'Not Now';
const NEVER = "Don't Ask Again";

/** One Kubernetes schema that can reach DaemonSet files, and how to take them out of it. */
export interface SchemaOffer {
  /** Workspace state key of the answer ('accepted' | 'declined'). */
  stateKey: string;
  /** Whether the schema reaches this open DaemonSet document now. */
  applies(document: vscode.TextDocument): boolean | Promise<boolean>;
  /** The notification's text for the file `name`. */
  question(name: string): string;
  /** The notification's button that accepts. */
  button: string;
  /** Takes every DaemonSet file of the workspace out; resolves with their paths. */
  excludeAll(): Promise<string[]>;
  /** Takes one more file out (after the offer was accepted). */
  excludeOne(document: vscode.TextDocument): Promise<void>;
}

/** The workspace-relative paths of the workspace's YAML files that hold a DaemonSet. */
export async function daemonSetFiles(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 5000);
  const found: vscode.Uri[] = [];
  for (const uri of files) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (holdsDaemonSet(text)) found.push(uri);
  }
  return found.sort((a, b) => relative(a).localeCompare(relative(b)));
}

/** A path as the user reads it: relative to the workspace, `/`-separated. */
export function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/**
 * The command behind the offer's button (also in the palette): every DaemonSet
 * file out of the schema, the answer remembered as accepted.
 */
export async function acceptOffer(context: vscode.ExtensionContext, offer: SchemaOffer): Promise<string[]> {
  const paths = await offer.excludeAll();
  await context.workspaceState.update(offer.stateKey, 'accepted');
  return paths;
}

/** The look at an opened document: offers (or, once accepted, makes) the exclusion. */
export function offerLook(context: vscode.ExtensionContext, offer: SchemaOffer): (document: vscode.TextDocument) => Promise<void> {
  let askedThisSession = false;
  return async (document) => {
    if (document.uri.scheme !== 'file' || document.languageId !== 'yaml' || !holdsDaemonSet(document.getText())) return;
    const state = context.workspaceState.get<string>(offer.stateKey);
    if (state === 'declined' || (state !== 'accepted' && askedThisSession)) return;
    if (!(await offer.applies(document))) return;
    if (state === 'accepted') return offer.excludeOne(document);
    askedThisSession = true;
    const answer = await vscode.window.showInformationMessage(offer.question(relative(document.uri)), offer.button, NOT_NOW, NEVER);
    if (answer === offer.button) await acceptOffer(context, offer);
    else if (answer === NEVER) await context.workspaceState.update(offer.stateKey, 'declined');
  };
}
