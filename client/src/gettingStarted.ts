/**
 * The first minute: commands the Getting Started walkthrough and the
 * placement view's empty states point at. The example opens as an untitled
 * document, so trying the extension never touches a file of the user's.
 */
import * as vscode from 'vscode';

/** A DaemonSet that shows every part of the preview on the built-in sample profile. */
export const EXAMPLE_DAEMONSET = `# An example DaemonSet: try completion (Ctrl+Space) and hover on any key,
# then open the DaemonSet Placement view to see on which nodes it runs.
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: logging
spec:
  selector:
    matchLabels:
      app: log-agent
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels:
        app: log-agent
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
      containers:
        - name: agent
          image: fluent/fluent-bit:3.1.9
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          volumeMounts:
            - name: varlog
              mountPath: /var/log
              readOnly: true
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
`;

/** `extensionId` is publisher.name from package.json (the publisher is written there only). */
export function registerGettingStartedCommands(extensionId: string): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('daemonsetTools.openExample', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE_DAEMONSET });
      // From the walkthrough (a non-text editor is active), open it beside, so the steps stay in view.
      const beside = !vscode.window.activeTextEditor && vscode.window.tabGroups.activeTabGroup.activeTab !== undefined;
      await vscode.window.showTextDocument(document, beside ? vscode.ViewColumn.Beside : undefined);
      return document.uri.toString();
    }),
    vscode.commands.registerCommand('daemonsetTools.configureRules', () => vscode.commands.executeCommand('workbench.action.openSettings', 'daemonsetTools')),
    vscode.commands.registerCommand('daemonsetTools.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#daemonsetTools.gettingStarted`, false),
    ),
  ];
}
