import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { RequestValidationError } from '@ts-rest/nest';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { ZodError } from 'zod';
import type { ApiError, ErrorCode } from '@federa/contract';
import { AppError } from './app-error';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
};

function zodIssues(where: string, error: ZodError | null) {
  return (error?.issues ?? []).map((issue) => ({
    path: [where, ...issue.path].join('.'),
    message: issue.message,
  }));
}

const sqlState = (error: QueryFailedError): string =>
  String((error.driverError as { code?: unknown } | undefined)?.code ?? '');

/** Maps anything thrown while serving a request onto the contract's one error body. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiError {
    if (exception instanceof AppError) {
      return {
        statusCode: exception.status,
        error: exception.code,
        message: exception.message,
        ...(exception.issues ? { issues: exception.issues } : {}),
      };
    }
    if (exception instanceof RequestValidationError) {
      const issues = [
        ...zodIssues('params', exception.pathParams),
        ...zodIssues('query', exception.query),
        ...zodIssues('body', exception.body),
        ...zodIssues('headers', exception.headers),
      ];
      const first = issues[0];
      return {
        statusCode: 400,
        error: 'validation_failed',
        message: first ? `invalid request: ${first.path}: ${first.message}` : 'invalid request',
        issues,
      };
    }
    if (exception instanceof HttpException) {
      return this.fromHttp(exception.getStatus(), exception.message);
    }
    // body-parser errors (malformed JSON, body too large) carry a status but are not HttpExceptions.
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message =
        type === 'entity.parse.failed'
          ? 'malformed JSON body'
          : type === 'entity.too.large'
            ? 'request body too large'
            : (exception as Error).message;
      return this.fromHttp(status, message);
    }
    // SQLSTATE class 22 (data exception): Postgres refused a value the contract let through,
    // such as an id past the integer range or a NUL character in text. The request's fault.
    if (exception instanceof QueryFailedError && /^22/.test(sqlState(exception))) {
      return {
        statusCode: 400,
        error: 'bad_request',
        message: `invalid value: ${exception.message}`,
      };
    }
    // unique_violation: a concurrent request took the name between our check and the insert.
    if (exception instanceof QueryFailedError && sqlState(exception) === '23505') {
      const detail = (exception.driverError as { detail?: unknown } | undefined)?.detail;
      return { statusCode: 409, error: 'conflict', message: String(detail ?? 'already exists') };
    }
    return { statusCode: 500, error: 'internal', message: 'internal server error' };
  }

  private fromHttp(status: number, message: string): ApiError {
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    return { statusCode: status >= 500 ? 500 : status, error: code, message };
  }
}
