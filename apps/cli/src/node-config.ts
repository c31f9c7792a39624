import fs from 'node:fs';
import path from 'node:path';
import type { NodeWithKey } from '@federa/contract';
import { CliError, EXIT } from './errors';

/**
 * The node agent's config file (apps/node-agent/src/config.ts, NodeConfigSchema), written
 * as YAML. Strings are JSON-quoted, which YAML reads as double-quoted scalars. Only keys the
 * agent's strict schema knows are written; the rest is left to its defaults.
 * TODO: validate with NodeConfigSchema once it moves to @federa/contract.
 */
export function nodeConfigYaml(node: NodeWithKey, serverUrl: string, now = new Date()): string {
  const q = (value: string) => JSON.stringify(value);
  return [
    `# Federa node configuration, written by \`federa node new\` on ${now.toISOString()}.`,
    `# Node ${node.id} of organization ${node.organization_id} in collaboration ${node.collaboration_id}.`,
    '# Keep this file private: the API key lets anyone act as this node.',
    `server_url: ${q(serverUrl)}`,
    `api_key: ${q(node.api_key)}`,
    `name: ${q(node.name)}`,
    '# process (algorithms as Node.js bundles) or docker (container images)',
    'runtime: process',
    '# the data this node offers to algorithms, e.g.',
    '#   - label: default',
    '#     type: csv',
    '#     path: data/patients.csv',
    'databases: []',
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
