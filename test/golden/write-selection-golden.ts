import { writeFile } from 'node:fs/promises';
import { createSelectionForecaster, SELECTION_VERSION } from '../../src/forecast/selection/selection-forecaster.js';
import { goldenInputs } from './selection-golden-cases.js';

/** Writes test/golden/selection-golden.json from the current code; rerun only when a change of numbers is intended. */
const cases = await goldenInputs();
const outputs = await createSelectionForecaster({ cacheEntries: 0 }).forecast(cases.map((c) => c.input));
const golden = { version: SELECTION_VERSION, cases: cases.map((c, i) => ({ name: c.name, output: outputs[i] })) };
await writeFile(new URL('./selection-golden.json', import.meta.url), `${JSON.stringify(golden, null, 1)}\n`);
console.log(`wrote ${cases.length} cases`);
