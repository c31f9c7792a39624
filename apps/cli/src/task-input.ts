import fs from 'node:fs';
import type { TaskInput } from '@federa/contract';
import { usageError } from './errors';

/**
 * `--input`: `@file` reads a file (`@-` standard input), anything else is the input itself.
 * A JSON object is sent as an object; any other text (or JSON) is sent as text.
 */
export function readTaskInput(value: string): TaskInput {
  let text = value;
  if (value.startsWith('@')) {
    const file = value.slice(1);
    try {
      text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read --input ${value}: ${(error as Error).message}`);
    }
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // not JSON: plain text input
  }
  return text;
}
