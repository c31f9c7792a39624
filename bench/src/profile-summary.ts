import fs from 'node:fs';
import path from 'node:path';
import type { PhaseWindow } from './phase-report';

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(root)', '(program)']);

/** Which package a frame belongs to, from its script URL. */
export function packageOf(frame: CpuNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes('/apps/server/')) return '@federa/server';
  if (url.includes('/packages/contract/')) return '@federa/contract';
  if (url.includes('/bench/')) return 'bench child';
  return 'other';
}

const frameKey = (f: CpuNode['callFrame']) => {
  const file = f.url ? path.basename(f.url.replace(/^file:\/\//, '')) : '';
  return `${f.functionName || '(anonymous)'} ${file}${f.url ? `:${f.lineNumber + 1}` : ''} [${packageOf(f)}]`;
};

/**
 * Self time by package and by function, and inclusive time of the server's own functions, over
 * the samples of one measured phase (`window`, µs in the profile's clock).
 */
export function summarizeProfile(file: string, window: PhaseWindow, top = 15): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < window.startUs || at > window.endUs) return;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const busy = profile.nodes
    .filter((n) => !IDLE.has(n.callFrame.functionName))
    .reduce((sum, n) => sum + (self.get(n.id) ?? 0), 0);
  const total = [...self.values()].reduce((a, b) => a + b, 0);

  const add = (map: Map<string, number>, key: string, ms: number) =>
    map.set(key, (map.get(key) ?? 0) + ms);
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms || IDLE.has(node.callFrame.functionName)) continue;
    add(packages, packageOf(node.callFrame), ms);
    add(functions, frameKey(node.callFrame), ms);
  }

  // inclusive time of @federa/server frames, counted once per stack even when recursive
  const inclusive = new Map<string, number>();
  const totals = new Map<number, number>();
  const totalOf = (id: number): number => {
    const cached = totals.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const t = (self.get(id) ?? 0) + (node.children ?? []).reduce((s, c) => s + totalOf(c), 0);
    totals.set(id, t);
    return t;
  };
  const active = new Map<string, number>();
  const walk = (id: number) => {
    const node = byId.get(id)!;
    const ours = packageOf(node.callFrame) === '@federa/server';
    const key = frameKey(node.callFrame);
    if (ours && !active.get(key)) add(inclusive, key, totalOf(id));
    if (ours) active.set(key, (active.get(key) ?? 0) + 1);
    for (const child of node.children ?? []) walk(child);
    if (ours) active.set(key, active.get(key)! - 1);
  };
  const root = profile.nodes[0];
  if (root) walk(root.id);

  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1)}%`;
  const list = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `| ${pct(ms)} | ${ms.toFixed(0)} | \`${k.replace(/\|/g, '\\|')}\` |`);
  const wall = (window.endUs - window.startUs) / 1e6;
  return [
    `### ${window.label} (${window.db})`,
    '',
    `\`${path.basename(file)}\`: ${wall.toFixed(1)} s measured, ${window.operations} operations. ` +
      `The server process used **${(window.cpuMs / 1000).toFixed(1)} s of CPU** (/proc: user + system, all threads; ` +
      `**${(window.cpuMs / window.operations).toFixed(2)} ms per operation**); the profiler saw its main thread ` +
      `busy for ${(busy / 1000).toFixed(1)} s of ${(total / 1000).toFixed(1)} s sampled (on a loaded machine, time spent ` +
      'descheduled lands on whatever was running, typically a syscall such as writev). Shares are of the busy samples.',
    '',
    '| self | ms | package |',
    '|---:|---:|---|',
    ...list(packages),
    '',
    '| self | ms | function |',
    '|---:|---:|---|',
    ...list(functions),
    '',
    '| inclusive | ms | server function |',
    '|---:|---:|---|',
    ...list(inclusive),
    '',
  ].join('\n');
}

/** For every measured phase: where the server's CPU went, and (Postgres) its queries. */
export function writeProfileSummary(dir: string, windows: PhaseWindow[]): string {
  const md = [
    '# Server profiles',
    '',
    'node --cpu-prof of every server child, cut to each measured phase: self time by package and by',
    "function, inclusive time of the server's own functions; then (Postgres) the queries the server",
    'sent in the phase, and EXPLAIN ANALYZE of the costliest.',
    '',
    ...windows.flatMap((w) => {
      const file = path.join(dir, w.profile);
      const cpu = fs.existsSync(file)
        ? summarizeProfile(file, w)
        : `### ${w.label}\n\n(no profile: ${w.profile})\n`;
      return [cpu, ...(w.queries ? ['Queries:', '', w.queries, ''] : [])];
    }),
  ].join('\n');
  const out = path.join(dir, 'summary.md');
  fs.writeFileSync(out, md);
  return out;
}
