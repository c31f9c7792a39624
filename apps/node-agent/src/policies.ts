import type { Policies, Task } from '@federa/contract';

const DIGEST = '@sha256:';

/** The repository part of an image reference: no tag, no digest. */
function repositoryOf(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  // A tag follows the last ':' after the last '/' (a ':' before it is a registry port).
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(0, colon) : name;
}

/**
 * Does `image` match one allowed-images entry?
 * - `name@sha256:<digest>`: the image must be pinned to that very digest (tags are mutable,
 *   so a digest rule never matches an image given by tag only);
 * - `prefix*`: starts with the prefix; `registry/namespace/`: anything under it;
 * - anything else: the exact string.
 */
export function imageMatches(pattern: string, image: string): boolean {
  if (pattern.includes(DIGEST)) {
    const digest = pattern.slice(pattern.indexOf(DIGEST));
    if (!image.endsWith(digest)) return false;
    const repository = pattern.slice(0, pattern.indexOf(DIGEST));
    // `@sha256:…` alone allows that digest under any name.
    return repository === '' || repositoryOf(image) === repositoryOf(repository);
  }
  if (pattern.endsWith('*')) return image.startsWith(pattern.slice(0, -1));
  if (pattern.endsWith('/')) return image.startsWith(pattern);
  return image === pattern;
}

export type PolicyDecision = { allowed: true } | { allowed: false; reason: string };

/** Checks a task against the node's policies (absent lists allow everything). */
export function checkPolicies(policies: Policies, task: Task): PolicyDecision {
  const images = policies.allowed_images;
  if (images && !images.some((pattern) => imageMatches(pattern, task.image))) {
    return { allowed: false, reason: `image "${task.image}" is not in this node's allowed images` };
  }
  // As in vantage6: the two lists together name who may send tasks; when both are set, a
  // task from an allowed organization OR an allowed user passes.
  const orgs = policies.allowed_organizations;
  const users = policies.allowed_users;
  if (orgs || users) {
    const byOrg = orgs?.includes(task.init_org_id) ?? false;
    const byUser = task.init_user_id !== null && (users?.includes(task.init_user_id) ?? false);
    if (!byOrg && !byUser) {
      const who = [
        orgs ? `organization ${task.init_org_id} is not in allowed_organizations` : undefined,
        users ? `user ${task.init_user_id ?? '(none)'} is not in allowed_users` : undefined,
      ].filter(Boolean);
      return {
        allowed: false,
        reason: `task refused by this node's policies: ${who.join(' and ')}`,
      };
    }
  }
  return { allowed: true };
}
