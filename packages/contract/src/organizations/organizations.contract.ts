import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import { pageOf, PathIdSchema } from '../common/pagination';
import {
  OrganizationCreateSchema,
  OrganizationQuerySchema,
  OrganizationSchema,
  OrganizationUpdateSchema,
} from './organizations.schema';

export const organizationsContract = c.router({
  list: {
    method: 'GET',
    path: '/organization',
    query: OrganizationQuerySchema,
    responses: { 200: pageOf(OrganizationSchema), ...authErrors },
    summary: 'List organizations you may see',
  },
  create: {
    method: 'POST',
    path: '/organization',
    body: OrganizationCreateSchema,
    responses: { 201: OrganizationSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Create an organization',
  },
  get: {
    method: 'GET',
    path: '/organization/:id',
    pathParams: PathIdSchema,
    responses: { 200: OrganizationSchema, ...authErrors },
    summary: 'Get an organization (with its public key)',
  },
  update: {
    method: 'PATCH',
    path: '/organization/:id',
    pathParams: PathIdSchema,
    body: OrganizationUpdateSchema,
    responses: { 200: OrganizationSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Edit an organization; a node may upload its public key here',
  },
  remove: {
    method: 'DELETE',
    path: '/organization/:id',
    pathParams: PathIdSchema,
    responses: { 204: c.noBody(), ...authErrors, 409: ErrorSchema },
    summary: 'Delete an organization that has no users, nodes or tasks',
  },
});
