import { z } from 'zod';

/** Every failure the API reports, and the one HTTP status each maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  invalid_credentials: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  account_locked: 423,
  internal: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const ErrorIssueSchema = z.object({
  path: z.string().describe('dotted path of the offending field, e.g. "body.organizations.0.id"'),
  message: z.string(),
});

export const ErrorSchema = z
  .object({
    statusCode: z.number().int(),
    error: ErrorCodeSchema,
    message: z.string(),
    issues: z.array(ErrorIssueSchema).optional(),
  })
  .describe('the one error body of the whole API');
export type ApiError = z.infer<typeof ErrorSchema>;
