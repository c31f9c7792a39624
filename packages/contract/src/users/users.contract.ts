import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import { pageOf, PathIdSchema } from '../common/pagination';
import {
  PermissionsSchema,
  UserCreateSchema,
  UserQuerySchema,
  UserSchema,
  UserUpdateSchema,
} from './users.schema';

export const usersContract = c.router({
  list: {
    method: 'GET',
    path: '/user',
    query: UserQuerySchema,
    responses: { 200: pageOf(UserSchema), ...authErrors },
    summary: 'List users you may see',
  },
  create: {
    method: 'POST',
    path: '/user',
    body: UserCreateSchema,
    responses: { 201: UserSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Create a user; you can grant only roles and rules you hold',
  },
  me: {
    method: 'GET',
    path: '/user/me',
    responses: { 200: UserSchema, ...authErrors },
    summary: 'The logged-in user',
  },
  permissions: {
    method: 'GET',
    path: '/user/me/permissions',
    responses: { 200: PermissionsSchema, ...authErrors },
    summary: 'The effective rules of the logged-in user (for UIs)',
  },
  get: {
    method: 'GET',
    path: '/user/:id',
    pathParams: PathIdSchema,
    responses: { 200: UserSchema, ...authErrors },
    summary: 'Get a user',
  },
  update: {
    method: 'PATCH',
    path: '/user/:id',
    pathParams: PathIdSchema,
    body: UserUpdateSchema,
    responses: { 200: UserSchema, ...authErrors },
    summary: 'Edit a user; nobody edits their own roles or rules',
  },
  remove: {
    method: 'DELETE',
    path: '/user/:id',
    pathParams: PathIdSchema,
    responses: { 204: c.noBody(), ...authErrors },
    summary: 'Delete a user',
  },
});
