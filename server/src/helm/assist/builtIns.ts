/**
 * Helm's built-in objects as a template sees them at the root (Helm's
 * documentation, "Built-in Objects"): their names and the fields chart
 * authors use, with one line each for completion details.
 */
export const BUILT_IN_OBJECTS: Record<string, { description: string; fields: Record<string, string> }> = {
  Values: { description: 'Values from values.yaml and the chosen values files', fields: {} },
  Release: {
    description: 'The release being installed',
    fields: {
      Name: 'The release name',
      Namespace: 'The namespace the release is installed in',
      IsUpgrade: 'true for an upgrade or rollback',
      IsInstall: 'true for an install',
      Revision: 'The revision number of this release',
      Service: 'The service rendering the template (always "Helm")',
    },
  },
  Chart: {
    description: 'The contents of Chart.yaml',
    fields: { Name: 'The chart name', Version: 'The chart version', AppVersion: 'The version of the app', Description: 'The chart description', Type: 'application or library', KubeVersion: 'The Kubernetes versions the chart supports' },
  },
  Capabilities: {
    description: 'What the cluster supports',
    fields: { APIVersions: 'The API versions (.Has "apps/v1")', KubeVersion: 'The Kubernetes version (.Version, .Major, .Minor)', HelmVersion: 'The Helm version' },
  },
  Template: { description: 'The template being rendered', fields: { Name: 'The template path (mychart/templates/x.yaml)', BasePath: 'The templates folder path (mychart/templates)' } },
  Files: { description: 'Non-template files of the chart', fields: { Get: 'A file\'s content by name', GetBytes: 'A file\'s content as bytes', Glob: 'Files matching a pattern', Lines: 'A file line by line', AsConfig: 'Files as ConfigMap data', AsSecrets: 'Files as Secret data (base64)' } },
};
