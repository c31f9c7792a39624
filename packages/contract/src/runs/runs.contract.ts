import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import { pageOf, PathIdSchema } from '../common/pagination';
import { z } from 'zod';
import {
  ResultSchema,
  RunQuerySchema,
  RunReceiptSchema,
  RunResultCreateSchema,
  RunSchema,
  RunUpdateSchema,
} from './runs.schema';

export const runsContract = c.router({
  list: {
    method: 'GET',
    path: '/run',
    query: RunQuerySchema,
    responses: { 200: pageOf(RunSchema), ...authErrors },
    summary: 'List runs; a node sees the runs of its own organization and collaboration',
  },
  get: {
    method: 'GET',
    path: '/run/:id',
    pathParams: PathIdSchema,
    responses: { 200: RunSchema, ...authErrors },
    summary: 'Get a run',
  },
  claim: {
    method: 'POST',
    path: '/run/:id/claim',
    pathParams: PathIdSchema,
    body: z.object({}).optional(),
    responses: { 200: RunSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Node: take a pending run (409 when another node has it or it has finished)',
  },
  update: {
    method: 'PATCH',
    path: '/run/:id',
    pathParams: PathIdSchema,
    body: RunUpdateSchema,
    responses: { 200: RunSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Node: report progress of a claimed run (only the fields sent change)',
  },
  submitResult: {
    method: 'POST',
    path: '/run/:id/result',
    pathParams: PathIdSchema,
    body: RunResultCreateSchema,
    responses: { 200: RunReceiptSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Node: post the final status, result and log of a run (once)',
  },
});

export const resultsContract = c.router({
  list: {
    method: 'GET',
    path: '/result',
    query: RunQuerySchema,
    responses: { 200: pageOf(ResultSchema), ...authErrors },
    summary: 'List results (vantage6 shape); filter by task_id',
  },
  get: {
    method: 'GET',
    path: '/result/:id',
    pathParams: PathIdSchema,
    responses: { 200: ResultSchema, ...authErrors },
    summary: 'Get one result by run id',
  },
});
