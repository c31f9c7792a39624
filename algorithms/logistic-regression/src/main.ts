// Entry point of the image: node /app/algorithm.js
import { run } from '@federa/algorithm';
import { logisticRegression } from './algorithm';

void run(logisticRegression);
