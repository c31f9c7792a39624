import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { ErrorSchema } from './error';

/** Every REST route lives under this prefix (seed users set `api_path = "/api"`). */
export const API_PREFIX = '/api';

type ContractBuilder = ReturnType<typeof initContract>;
export const c: ContractBuilder = initContract();

/** Error responses any authenticated route may give. */
export const authErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
} as const;

export const NoContent = c.noBody();
export const Empty = z.object({});
