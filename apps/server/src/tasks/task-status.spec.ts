import { allFinished, deriveTaskStatus } from './task-status';

describe('deriveTaskStatus', () => {
  it('is pending while every run waits', () => {
    expect(deriveTaskStatus(['pending', 'pending'])).toBe('pending');
  });
  it('shows the most advanced progress', () => {
    expect(deriveTaskStatus(['pending', 'active', 'initializing'])).toBe('active');
    expect(deriveTaskStatus(['pending', 'completed', 'initializing'])).toBe('initializing');
  });
  it('is completed only when every run completed', () => {
    expect(deriveTaskStatus(['completed', 'completed'])).toBe('completed');
    expect(deriveTaskStatus(['completed', 'active'])).toBe('active');
  });
  it('reports a failure at once, with its own status when failures agree', () => {
    expect(deriveTaskStatus(['crashed', 'active'])).toBe('crashed');
    expect(deriveTaskStatus(['killed', 'killed', 'completed'])).toBe('killed');
    expect(deriveTaskStatus(['crashed', 'not_allowed'])).toBe('failed');
  });
  it('knows when all runs finished', () => {
    expect(allFinished(['completed', 'crashed'])).toBe(true);
    expect(allFinished(['completed', 'active'])).toBe(false);
  });
});
