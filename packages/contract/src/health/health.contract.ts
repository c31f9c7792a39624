import { z } from 'zod';
import { c } from '../common/api';
import { ErrorSchema } from '../common/error';

export const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.boolean() });
export const VersionSchema = z.object({ version: z.string() });

export const healthContract = c.router({
  health: {
    method: 'GET',
    path: '/health',
    responses: { 200: HealthSchema, 503: ErrorSchema },
    summary: 'Liveness and database reachability',
  },
  version: {
    method: 'GET',
    path: '/version',
    responses: { 200: VersionSchema },
    summary: 'Server version',
  },
});
