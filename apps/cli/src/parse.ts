import { InvalidArgumentError } from 'commander';
import { usageError } from './errors';

const isId = (value: string) => /^[1-9]\d{0,9}$/.test(value.trim());

/** commander argParser for one id option: `--collaboration 3`. */
export function idOption(value: string): number {
  if (!isId(value)) throw new InvalidArgumentError('expected a positive whole number (an id).');
  return Number(value.trim());
}

/** commander argParser for a repeatable id option: `--org 1 2` or `--org 1 --org 2`. */
export function idsOption(value: string, previous: number[] | undefined): number[] {
  return [...(previous ?? []), idOption(value)];
}

/** commander argParser for a repeatable text option: `--database a --database b`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** commander argParser for a positive number of seconds. */
export function secondsOption(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new InvalidArgumentError('expected seconds > 0.');
  return seconds;
}

/** A positional id (`federa task get 12`). */
export function idArgument(value: string | undefined, what: string): number {
  if (value === undefined || !isId(value)) {
    throw usageError(`${what} must be a positive whole number, got "${value ?? ''}"`);
  }
  return Number(value.trim());
}
