import { extractMinutes } from './src/core/minutes/minutes-extractor';
import { generatedMinutes } from './bench/minutes-import';
const text = generatedMinutes(100);
for (let i = 0; i < 3; i++) extractMinutes(text);
const times: number[] = [];
for (let i = 0; i < 9; i++) { const t = performance.now(); extractMinutes(text); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log(process.cwd(), 'median ms', times[4]?.toFixed(0), 'pages/s', (100000 / (times[4] ?? 1)).toFixed(0));
