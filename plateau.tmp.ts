import { committeeDefaults } from './src/core/committee/config';
import { committeeRows } from './src/core/committee/solver';
const params = { ...committeeDefaults, labelNoise: 0, alpha: 8, batchFraction: Number(process.argv[6] ?? 0.2), step: Number(process.argv[5] ?? 0.4), ridge: 0, initScale: 0.1, initOverlap: 0.03, horizon: Number(process.argv[2] ?? 150), samples: Number(process.argv[3] ?? 5000), responseSamples: Number(process.argv[4] ?? 2000) };
const t0 = performance.now();
const gen = committeeRows(params);
for (let next = gen.next(); !next.done; next = gen.next()) {
  const { row, k } = next.value;
  if (k % 20 === 0) console.log(Math.round(performance.now() - t0), 't', row.t.toFixed(1), 'test', row.testLoss.toFixed(5), 'M11', row.M_1_1.toFixed(3), 'M12', row.M_1_2.toFixed(3));
}
console.log('total ms', Math.round(performance.now() - t0));
