// Writes data/org-{1,2,3}.csv: deterministic synthetic data for a logistic model
// P(outcome = 1) = sigmoid(-0.5 + 1.8 marker_a - 1.2 marker_b + 0.6 treated) (node scripts/generate-data.js).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (random) =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const organizations = [
  { file: 'org-1.csv', seed: 101, rows: 140, shift: 0 },
  { file: 'org-2.csv', seed: 202, rows: 90, shift: 0.3 },
  { file: 'org-3.csv', seed: 303, rows: 170, shift: -0.2 },
];
const dir = join(__dirname, '..', 'data');
mkdirSync(dir, { recursive: true });
for (const org of organizations) {
  const random = mulberry32(org.seed);
  const lines = ['marker_a,marker_b,treated,outcome'];
  for (let i = 0; i < org.rows; i++) {
    const a = normal(random) + org.shift;
    const b = normal(random);
    const treated = random() < 0.5 ? 1 : 0;
    const z = -0.5 + 1.8 * a - 1.2 * b + 0.6 * treated;
    const outcome = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    lines.push([a.toFixed(3), b.toFixed(3), treated, outcome].join(','));
  }
  writeFileSync(join(dir, org.file), `${lines.join('\n')}\n`);
}
