import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import { pageOf, PathIdSchema } from '../common/pagination';
import {
  RoleCreateSchema,
  RoleQuerySchema,
  RoleSchema,
  RoleUpdateSchema,
  RuleQuerySchema,
  RuleSchema,
} from './roles.schema';

export const rulesContract = c.router({
  list: {
    method: 'GET',
    path: '/rule',
    query: RuleQuerySchema,
    responses: { 200: pageOf(RuleSchema), ...authErrors },
    summary: 'List the permission rules (resource x operation x scope)',
  },
});

export const rolesContract = c.router({
  list: {
    method: 'GET',
    path: '/role',
    query: RoleQuerySchema,
    responses: { 200: pageOf(RoleSchema), ...authErrors },
    summary: 'List roles you may see (default roles are visible to all)',
  },
  create: {
    method: 'POST',
    path: '/role',
    body: RoleCreateSchema,
    responses: { 201: RoleSchema, ...authErrors },
    summary: 'Create a role; you can grant only rules you hold',
  },
  get: {
    method: 'GET',
    path: '/role/:id',
    pathParams: PathIdSchema,
    responses: { 200: RoleSchema, ...authErrors },
    summary: 'Get a role',
  },
  update: {
    method: 'PATCH',
    path: '/role/:id',
    pathParams: PathIdSchema,
    body: RoleUpdateSchema,
    responses: { 200: RoleSchema, ...authErrors },
    summary: 'Edit a role (default roles are read-only)',
  },
  remove: {
    method: 'DELETE',
    path: '/role/:id',
    pathParams: PathIdSchema,
    responses: { 204: c.noBody(), ...authErrors, 409: ErrorSchema },
    summary: 'Delete a role',
  },
});
