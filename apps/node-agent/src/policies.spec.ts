import type { Task } from '@federa/contract';
import { checkPolicies, imageMatches } from './policies';

const task = (over: Partial<Task>): Task => ({
  id: 1,
  name: 't',
  description: null,
  image: 'federa/summary',
  collaboration_id: 1,
  study_id: null,
  parent_id: null,
  job_id: 1,
  init_org_id: 1,
  init_user_id: 7,
  databases: [],
  status: 'pending',
  complete: false,
  organization_ids: [1],
  created_at: '2026-01-01T00:00:00Z',
  finished_at: null,
  ...over,
});

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('imageMatches', () => {
  it.each([
    ['federa/summary', 'federa/summary', true],
    ['federa/summary', 'federa/summary:1.0', false],
    ['federa/*', 'federa/summary:1.0', true],
    ['federa/*', 'other/federa', false],
    ['harbor.example.org:5000/algos/', 'harbor.example.org:5000/algos/summary', true],
    ['harbor.example.org:5000/algos/', 'harbor.example.org:5000/other', false],
    [`federa/summary@${DIGEST}`, `federa/summary@${DIGEST}`, true],
    [`federa/summary@${DIGEST}`, `federa/summary:1.0@${DIGEST}`, true],
    [`federa/summary@${DIGEST}`, 'federa/summary:1.0', false],
    [`federa/summary@${DIGEST}`, `federa/other@${DIGEST}`, false],
    [`federa/summary@${DIGEST}`, `federa/summary@sha256:${'b'.repeat(64)}`, false],
    [`@${DIGEST}`, `anything/at-all@${DIGEST}`, true],
    [`localhost:5000/a@${DIGEST}`, `localhost:5000/a:tag@${DIGEST}`, true],
  ])('%s vs %s → %s', (pattern, image, expected) => {
    expect(imageMatches(pattern, image)).toBe(expected);
  });
});

describe('checkPolicies', () => {
  it('allows everything when no list is set', () => {
    expect(checkPolicies({}, task({}))).toEqual({ allowed: true });
  });

  it('refuses an image outside allowed_images, saying which', () => {
    expect(checkPolicies({ allowed_images: ['federa/other'] }, task({}))).toEqual({
      allowed: false,
      reason: `image "federa/summary" is not in this node's allowed images`,
    });
  });

  it('admits a task by organization or by user', () => {
    expect(checkPolicies({ allowed_organizations: [1] }, task({})).allowed).toBe(true);
    expect(checkPolicies({ allowed_users: [7] }, task({})).allowed).toBe(true);
    expect(
      checkPolicies({ allowed_organizations: [2], allowed_users: [7] }, task({})).allowed,
    ).toBe(true);
    expect(checkPolicies({ allowed_organizations: [2], allowed_users: [8] }, task({}))).toEqual({
      allowed: false,
      reason:
        "task refused by this node's policies: organization 1 is not in allowed_organizations and user 7 is not in allowed_users",
    });
    expect(checkPolicies({ allowed_users: [7] }, task({ init_user_id: null })).allowed).toBe(false);
  });
});
