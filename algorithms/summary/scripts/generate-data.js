// Writes data/org-{1,2,3}.csv: deterministic synthetic patient records (node scripts/generate-data.js).
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
  { file: 'org-1.csv', seed: 11, rows: 120, ageMean: 52, bmiMean: 26.5 },
  { file: 'org-2.csv', seed: 22, rows: 80, ageMean: 61, bmiMean: 28.1 },
  { file: 'org-3.csv', seed: 33, rows: 150, ageMean: 45, bmiMean: 25.2 },
];
const dir = join(__dirname, '..', 'data');
mkdirSync(dir, { recursive: true });
for (const org of organizations) {
  const random = mulberry32(org.seed);
  const lines = ['age,bmi,systolic_bp,sex,smoker'];
  for (let i = 0; i < org.rows; i++) {
    const age = Math.round(Math.min(90, Math.max(18, org.ageMean + 12 * normal(random))));
    const bmi = (org.bmiMean + 4 * normal(random)).toFixed(1);
    const bp = Math.round(95 + 0.6 * age + 8 * normal(random));
    const sex = random() < 0.5 ? 'F' : 'M';
    const smoker = random() < 0.22 ? 'yes' : 'no';
    // A few missing values, as real registries have.
    lines.push([age, random() < 0.05 ? '' : bmi, random() < 0.03 ? '' : bp, sex, smoker].join(','));
  }
  writeFileSync(join(dir, org.file), `${lines.join('\n')}\n`);
}
