import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import { pageOf, PathIdSchema } from '../common/pagination';
import { z } from 'zod';
import { ResultSchema } from '../runs/runs.schema';
import { KillTaskSchema, TaskCreateSchema, TaskQuerySchema, TaskSchema } from './tasks.schema';

export const tasksContract = c.router({
  list: {
    method: 'GET',
    path: '/task',
    query: TaskQuerySchema,
    responses: { 200: pageOf(TaskSchema), ...authErrors },
    summary: 'List tasks you may see, newest first',
  },
  create: {
    method: 'POST',
    path: '/task',
    body: TaskCreateSchema,
    responses: { 201: TaskSchema, ...authErrors, 413: ErrorSchema },
    summary: 'Create a task: one run per target organization of the collaboration',
  },
  get: {
    method: 'GET',
    path: '/task/:id',
    pathParams: PathIdSchema,
    responses: { 200: TaskSchema, ...authErrors },
    summary: 'Get a task with its status and `complete`',
  },
  results: {
    method: 'GET',
    path: '/task/:id/result',
    pathParams: PathIdSchema,
    responses: { 200: z.array(ResultSchema), ...authErrors },
    summary: 'The results of a task, one per organization',
  },
  kill: {
    method: 'POST',
    path: '/task/:id/kill',
    pathParams: PathIdSchema,
    body: z.object({}).optional(),
    responses: { 200: TaskSchema, ...authErrors },
    summary: 'Stop a task: open runs end as killed and nodes stop their containers',
  },
  killCompat: {
    method: 'POST',
    path: '/kill/task',
    body: KillTaskSchema,
    responses: { 200: TaskSchema, ...authErrors },
    summary: 'Stop a task (vantage6 route)',
  },
  remove: {
    method: 'DELETE',
    path: '/task/:id',
    pathParams: PathIdSchema,
    responses: { 204: c.noBody(), ...authErrors, 409: ErrorSchema },
    summary: 'Delete a finished task with its runs and subtasks',
  },
});
