import { ERROR_STATUS, type ErrorCode } from '@federa/contract';

/** The one error type services throw; the exception filter turns it into the API's error body. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id?: number | string) =>
  new AppError('not_found', id === undefined ? `${what} not found` : `${what} ${id} not found`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const badRequest = (message: string, issues?: { path: string; message: string }[]) =>
  new AppError('bad_request', message, issues);
export const conflict = (message: string) => new AppError('conflict', message);
export const unauthorized = (message = 'authentication required') =>
  new AppError('unauthorized', message);
