import {
  type CollaborationCreate,
  CollaborationCreateSchema,
  type NodeCreate,
  NodeCreateSchema,
  type OrganizationCreate,
  OrganizationCreateSchema,
  PASSWORD_RULES,
  type RoleCreate,
  RoleCreateSchema,
  type UserCreate,
  UserCreateSchema,
} from '@federa/contract';
import { type FieldErrors, fieldErrors, type Validated } from '@/lib/form-errors';

/** Drops empty optional text fields, so the schema sees "absent" rather than "". */
const optional = (value: string) => (value.trim() ? value.trim() : undefined);
const id = (value: string) => (value ? Number(value) : undefined);

function check<T, F extends string>(
  result: { success: true; data: T } | { success: false; error: import('zod').ZodError },
  extra: FieldErrors<F> = {},
): Validated<T, F> {
  const errors: FieldErrors<F> = { ...(result.success ? {} : fieldErrors<F>(result.error)), ...extra };
  if (Object.keys(errors).length || !result.success) return { ok: false, errors };
  return { ok: true, value: result.data };
}

export interface UserFormValues {
  username: string;
  password: string;
  passwordAgain: string;
  email: string;
  firstname: string;
  lastname: string;
  organizationId: string;
  roles: number[];
}
export type UserField = keyof UserFormValues | 'organization_id';

export function validateUserForm(v: UserFormValues): Validated<UserCreate, UserField> {
  const extra: FieldErrors<UserField> = {};
  if (v.password && v.password !== v.passwordAgain) extra.passwordAgain = 'The passwords differ.';
  const result = check<UserCreate, UserField>(
    UserCreateSchema.safeParse({
      username: v.username,
      password: v.password,
      email: optional(v.email),
      firstname: optional(v.firstname),
      lastname: optional(v.lastname),
      organization_id: id(v.organizationId),
      roles: v.roles,
    }),
    extra,
  );
  if (!result.ok && result.errors.organization_id) {
    result.errors.organizationId = result.errors.organization_id;
  }
  if (!result.ok && result.errors.password) {
    result.errors.password = `This password is too weak: it needs ${PASSWORD_RULES}.`;
  }
  return result;
}

export interface OrganizationFormValues {
  name: string;
  domain: string;
  address: string;
  country: string;
}

export function validateOrganizationForm(
  v: OrganizationFormValues,
): Validated<OrganizationCreate, keyof OrganizationFormValues> {
  return check(
    OrganizationCreateSchema.safeParse({
      name: v.name,
      domain: optional(v.domain),
      address: optional(v.address),
      country: optional(v.country),
    }),
  );
}

export interface CollaborationFormValues {
  name: string;
  encrypted: boolean;
  organizationIds: number[];
}

export function validateCollaborationForm(
  v: CollaborationFormValues,
): Validated<CollaborationCreate, 'name' | 'encrypted' | 'organization_ids'> {
  const extra: FieldErrors<'organization_ids'> = {};
  if (!v.organizationIds.length) extra.organization_ids = 'Choose at least one organization.';
  return check(
    CollaborationCreateSchema.safeParse({
      name: v.name,
      encrypted: v.encrypted,
      organization_ids: v.organizationIds,
    }),
    extra,
  );
}

export interface NodeFormValues {
  collaborationId: string;
  organizationId: string;
  name: string;
}

export function validateNodeForm(
  v: NodeFormValues,
): Validated<NodeCreate, 'collaboration_id' | 'organization_id' | 'name'> {
  const extra: FieldErrors<'collaboration_id'> = {};
  if (!v.collaborationId) extra.collaboration_id = 'Choose a collaboration.';
  return check(
    NodeCreateSchema.safeParse({
      collaboration_id: id(v.collaborationId),
      organization_id: id(v.organizationId),
      name: optional(v.name),
    }),
    extra,
  );
}

export interface RoleFormValues {
  name: string;
  description: string;
  rules: number[];
}

export function validateRoleForm(v: RoleFormValues): Validated<RoleCreate, 'name' | 'description' | 'rules'> {
  return check(
    RoleCreateSchema.safeParse({ name: v.name, description: optional(v.description), rules: v.rules }),
  );
}
