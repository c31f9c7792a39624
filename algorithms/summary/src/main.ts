// Entry point of the image: node /app/algorithm.js
import { run } from '@federa/algorithm';
import { summary } from './algorithm';

void run(summary);
