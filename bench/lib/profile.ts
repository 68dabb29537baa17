// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by function and by package, to show
// where a process's CPU went.
import { readFileSync } from 'node:fs';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type ProfileLine = { where: string; selfMs: number; share: number };

const packageOf = (url: string, functionName: string): string => {
  if (!url) return `(native) ${functionName || '(anonymous)'}`;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?([^/]+).*$/, 'node:$2');
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const project = /\/(domain|events|functions|infra|bench)\/(.+)$/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
};

/** Self time per package (or project file), largest first; idle time is left out of the shares. */
export const topFunctions = (file: string, limit = 15): ProfileLine[] => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    const key = name === '(garbage collector)' ? '(garbage collector)' : packageOf(node.callFrame.url, name);
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, ms]) => ({ where, selfMs: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
};
