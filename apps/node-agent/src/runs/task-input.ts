import { AlgorithmInputSchema, type AlgorithmInput } from '@federa/contract';

export type InputParse = { ok: true; input: AlgorithmInput } | { ok: false; reason: string };

/**
 * A run's input is the JSON text of `{method, args}` (an object sent by the researcher is
 * stored as its JSON). Anything else cannot be handed to an algorithm.
 */
export function parseTaskInput(text: string | null): InputParse {
  if (text === null || text.trim() === '') {
    return {
      ok: false,
      reason: 'the task has no input: expected JSON {"method": ..., "args": {...}}',
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the task input is not JSON (${(error as Error).message})` };
  }
  const parsed = AlgorithmInputSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
    return { ok: false, reason: `the task input is not {method, args}: ${issues.join('; ')}` };
  }
  return { ok: true, input: parsed.data };
}
