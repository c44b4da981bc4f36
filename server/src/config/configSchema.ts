/**
 * The shipped JSON Schema of `.daemonset-tools.yaml`
 * (schemas/daemonsetTools.config.schema.json), bundled into the server: the
 * editor's completion and hover for the file come from it, so the schema
 * users' other YAML tools read and what this editor offers are one text.
 * (readConfig.ts checks the same keys; a unit test holds the two together.)
 */
import schemaJson from '../../../schemas/daemonsetTools.config.schema.json';

/** The part of JSON Schema draft 7 the configuration's schema uses. */
export interface ConfigSchema {
  type?: string;
  description?: string;
  enum?: string[];
  examples?: string[];
  pattern?: string;
  properties?: Record<string, ConfigSchema>;
  additionalProperties?: ConfigSchema | boolean;
  items?: ConfigSchema;
}

export const CONFIG_SCHEMA = schemaJson as ConfigSchema;

/**
 * The schema of the value at a YAML path (`['helm', 'engine']`,
 * `['rules', 'image-tag']`, `['ignore', 0]`), or undefined where the schema
 * allows nothing.
 */
export function schemaAt(path: ReadonlyArray<string | number>, root: ConfigSchema = CONFIG_SCHEMA): ConfigSchema | undefined {
  let node: ConfigSchema | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.items;
      continue;
    }
    const own: ConfigSchema | undefined = node.properties && Object.hasOwn(node.properties, segment) ? node.properties[segment] : undefined;
    node = own ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return node;
}

/** A schema's type as users read it: `string`, `list of strings`, `mapping`. */
export function schemaTypeLabel(schema: ConfigSchema): string {
  if (schema.type === 'array') return `list of ${schema.items?.type ?? 'value'}s`;
  if (schema.type === 'object') return 'mapping';
  return schema.type ?? 'value';
}
