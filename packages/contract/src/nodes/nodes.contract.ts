import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import { pageOf, PathIdSchema } from '../common/pagination';
import { z } from 'zod';
import {
  NodeCreateSchema,
  NodeQuerySchema,
  NodeSchema,
  NodeUpdateSchema,
  NodeWithKeySchema,
} from './nodes.schema';

export const nodesContract = c.router({
  list: {
    method: 'GET',
    path: '/node',
    query: NodeQuerySchema,
    responses: { 200: pageOf(NodeSchema), ...authErrors },
    summary: 'List nodes you may see, with online status',
  },
  create: {
    method: 'POST',
    path: '/node',
    body: NodeCreateSchema,
    responses: { 201: NodeWithKeySchema, ...authErrors, 409: ErrorSchema },
    summary: 'Register the node of an organization in a collaboration; returns its API key once',
  },
  get: {
    method: 'GET',
    path: '/node/:id',
    pathParams: PathIdSchema,
    responses: { 200: NodeSchema, ...authErrors },
    summary: 'Get a node',
  },
  update: {
    method: 'PATCH',
    path: '/node/:id',
    pathParams: PathIdSchema,
    body: NodeUpdateSchema,
    responses: { 200: NodeSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Rename a node',
  },
  remove: {
    method: 'DELETE',
    path: '/node/:id',
    pathParams: PathIdSchema,
    responses: { 204: c.noBody(), ...authErrors },
    summary: 'Delete a node (its API key stops working)',
  },
  resetApiKey: {
    method: 'POST',
    path: '/node/:id/api-key',
    pathParams: PathIdSchema,
    body: z.object({}).optional(),
    responses: { 200: NodeWithKeySchema, ...authErrors },
    summary: 'Issue a new API key for a node (the old one stops working)',
  },
});
