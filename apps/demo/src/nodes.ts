import path from 'node:path';
import { parseConfig, startNode, type NodeDaemon } from '@federa/node';

/** The example algorithms, as the demo's nodes know them: image name → bundle and data. */
export const ALGORITHMS = {
  'federa/summary': '@federa/algorithm-summary',
  'federa/logreg': '@federa/algorithm-logreg',
} as const;

const bundle = (pkg: string) => require.resolve(`${pkg}/dist/algorithm.js`);
const dataFile = (pkg: string, index: number) =>
  require.resolve(`${pkg}/data/org-${index + 1}.csv`);

/** Starts one in-process node per organization, on the `process` runtime, with sample data. */
export async function startDemoNodes(
  serverUrl: string,
  nodes: { name: string; api_key: string }[],
  workDir: string,
): Promise<NodeDaemon[]> {
  const daemons: NodeDaemon[] = [];
  for (const [i, node] of nodes.entries()) {
    const config = parseConfig({
      server_url: serverUrl,
      api_key: node.api_key,
      name: node.name,
      work_dir: path.join(workDir, `node-${i + 1}`),
      log_level: 'warn',
      runtime: 'process',
      process: {
        images: Object.fromEntries(
          Object.entries(ALGORITHMS).map(([image, pkg]) => [image, bundle(pkg)]),
        ),
      },
      databases: [
        { label: 'health', type: 'csv', path: dataFile(ALGORITHMS['federa/summary'], i) },
        { label: 'outcomes', type: 'csv', path: dataFile(ALGORITHMS['federa/logreg'], i) },
      ],
    });
    daemons.push(await startNode(config));
  }
  return daemons;
}
