import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import { pageOf, PathIdSchema } from '../common/pagination';
import { z } from 'zod';
import {
  CollaborationCreateSchema,
  CollaborationQuerySchema,
  CollaborationSchema,
  CollaborationUpdateSchema,
  MemberSchema,
  StudyCreateSchema,
  StudyQuerySchema,
  StudySchema,
} from './collaborations.schema';

const MemberPathSchema = z.object({
  id: z.coerce.number().int().positive(),
  organizationId: z.coerce.number().int().positive(),
});

export const collaborationsContract = c.router({
  list: {
    method: 'GET',
    path: '/collaboration',
    query: CollaborationQuerySchema,
    responses: { 200: pageOf(CollaborationSchema), ...authErrors },
    summary: 'List collaborations you may see',
  },
  create: {
    method: 'POST',
    path: '/collaboration',
    body: CollaborationCreateSchema,
    responses: { 201: CollaborationSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Create a collaboration of organizations',
  },
  get: {
    method: 'GET',
    path: '/collaboration/:id',
    pathParams: PathIdSchema,
    responses: { 200: CollaborationSchema, ...authErrors },
    summary: 'Get a collaboration',
  },
  update: {
    method: 'PATCH',
    path: '/collaboration/:id',
    pathParams: PathIdSchema,
    body: CollaborationUpdateSchema,
    responses: { 200: CollaborationSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Edit a collaboration; changing its members needs global scope',
  },
  remove: {
    method: 'DELETE',
    path: '/collaboration/:id',
    pathParams: PathIdSchema,
    responses: { 204: c.noBody(), ...authErrors, 409: ErrorSchema },
    summary: 'Delete a collaboration that has no tasks or nodes',
  },
  addOrganization: {
    method: 'POST',
    path: '/collaboration/:id/organization',
    pathParams: PathIdSchema,
    body: MemberSchema,
    responses: { 200: CollaborationSchema, ...authErrors },
    summary: 'Add an organization to a collaboration (global scope, as PATCH)',
  },
  removeOrganization: {
    method: 'DELETE',
    path: '/collaboration/:id/organization/:organizationId',
    pathParams: MemberPathSchema,
    responses: { 200: CollaborationSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Remove an organization from a collaboration (global scope, as PATCH)',
  },
});

export const studiesContract = c.router({
  list: {
    method: 'GET',
    path: '/study',
    query: StudyQuerySchema,
    responses: { 200: pageOf(StudySchema), ...authErrors },
    summary: 'List studies (subsets of a collaboration) you may see',
  },
  create: {
    method: 'POST',
    path: '/study',
    body: StudyCreateSchema,
    responses: { 201: StudySchema, ...authErrors, 409: ErrorSchema },
    summary: 'Create a study within a collaboration',
  },
  get: {
    method: 'GET',
    path: '/study/:id',
    pathParams: PathIdSchema,
    responses: { 200: StudySchema, ...authErrors },
    summary: 'Get a study',
  },
  remove: {
    method: 'DELETE',
    path: '/study/:id',
    pathParams: PathIdSchema,
    responses: { 204: c.noBody(), ...authErrors },
    summary: 'Delete a study',
  },
});
