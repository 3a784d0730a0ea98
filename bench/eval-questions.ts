import { fileURLToPath } from 'node:url';
import { evaluateQuestions, readQuestionSet } from './question-eval/evaluate-questions.js';

// `npm run eval:questions [file]`: accuracy of the deterministic question parser on the evaluation set, and every miss.
const path = process.argv[2] ?? fileURLToPath(new URL('../test/fixtures/questions/questions.jsonl', import.meta.url));
const set = await readQuestionSet(path);
const { total, correct, accuracy, misses } = evaluateQuestions(set);
for (const m of misses) console.log(`MISS  ${JSON.stringify(m.q)}  expected ${m.expected}  got ${m.got}`);
console.log(
  `questions: ${total}  understood: ${correct}  accuracy: ${(accuracy * 100).toFixed(1)}%  (today ${set.today}, last observation ${set.lastObservation})`,
);
