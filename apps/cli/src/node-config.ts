import fs from 'node:fs';
import path from 'node:path';
import { NodeConfigSchema, type NodeConfigInput, type NodeWithKey } from '@federa/contract';
import { CliError, EXIT, usageError } from './errors';

/**
 * The node agent's config file, written as YAML with comments. The settings are checked
 * against the agent's own schema (NodeConfigSchema) before anything is written, so the file
 * always starts. Strings are JSON-quoted, which YAML reads as double-quoted scalars. Only the
 * keys set here are written; the rest is left to the agent's defaults.
 */
export function nodeConfigYaml(
  node: NodeWithKey,
  serverUrl: string,
  options: { encrypted: boolean; now?: Date },
): string {
  // Beside the config file; the node creates the pair there unless the file is given to it.
  const privateKey = `organization-${node.organization_id}.pem`;
  const settings: NodeConfigInput = {
    server_url: serverUrl,
    api_key: node.api_key,
    name: node.name,
    runtime: 'process',
    databases: [],
    ...(options.encrypted && { encryption: { private_key: privateKey } }),
  };
  const checked = NodeConfigSchema.safeParse(settings);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw usageError(`the node config would be invalid: ${issues.join('; ')}`);
  }
  const q = (value: string) => JSON.stringify(value);
  return [
    `# Federa node configuration, written by \`federa node new\` on ${(options.now ?? new Date()).toISOString()}.`,
    `# Node ${node.id} of organization ${node.organization_id} in collaboration ${node.collaboration_id}.`,
    '# Keep this file private: the API key lets anyone act as this node.',
    `server_url: ${q(settings.server_url)}`,
    `api_key: ${q(settings.api_key)}`,
    `name: ${q(node.name)}`,
    '# process (algorithms as Node.js bundles) or docker (container images)',
    'runtime: process',
    '# the data this node offers to algorithms, e.g.',
    '#   - label: default',
    '#     type: csv',
    '#     path: data/patients.csv',
    'databases: []',
    ...(options.encrypted
      ? [
          '# The collaboration is encrypted: the organization’s private key (PEM). When the file',
          '# does not exist the node creates a key pair there and publishes the public key; if the',
          '# organization has published one already, put its private key here instead.',
          'encryption:',
          `  private_key: ${q(privateKey)}`,
        ]
      : []),
    '',
  ].join('\n');
}

/** Fails before anything is registered when the file exists (unless overwriting). */
export function assertWritable(file: string, force: boolean): void {
  if (!force && fs.existsSync(file)) {
    throw new CliError(EXIT.usage, {
      statusCode: 0,
      error: 'usage',
      message: `${file} exists; pass --force to overwrite it`,
    });
  }
  if (!fs.existsSync(path.dirname(path.resolve(file)))) {
    throw new CliError(EXIT.usage, {
      statusCode: 0,
      error: 'usage',
      message: `no such directory: ${path.dirname(path.resolve(file))}`,
    });
  }
}

/** Writes the file readable by its owner only (it holds the API key). */
export function writeSecretFile(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
