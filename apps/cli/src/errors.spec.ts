import { CommanderError } from 'commander';
import { FederaApiError } from '@federa/client';
import { EXIT, report } from './errors';

const apiError = (status: number, error: string, message = 'm') =>
  new FederaApiError(status, { statusCode: status, error, message } as FederaApiError['body']);

describe('report: errors to exit codes', () => {
  it.each([
    [apiError(400, 'invalid_credentials'), EXIT.auth],
    [apiError(401, 'token_expired'), EXIT.auth],
    [apiError(404, 'not_found'), EXIT.notFound],
    [apiError(400, 'validation_failed'), EXIT.usage],
    [apiError(403, 'forbidden'), EXIT.error],
    [new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"), EXIT.usage],
    [new Error('boom'), EXIT.error],
  ])('%s → %i', (error, exitCode) => {
    expect(report(error, 'http://s').exitCode).toBe(exitCode);
  });

  it('recognises an unreachable server through fetch’s cause chain', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const reported = report(new TypeError('fetch failed', { cause }), 'http://127.0.0.1:1');
    expect(reported.exitCode).toBe(EXIT.unreachable);
    expect(reported.text).toBe(
      'cannot reach http://127.0.0.1:1 — is the server running? (ECONNREFUSED)',
    );
  });

  it('treats any fetch failure without an answer as unreachable, naming the cause', () => {
    const reported = report(
      new TypeError('fetch failed', { cause: new Error('bad port') }),
      'http://h:1',
    );
    expect(reported.exitCode).toBe(EXIT.unreachable);
    expect(reported.text).toBe('cannot reach http://h:1 — is the server running? (bad port)');
  });

  it('keeps the server’s error body and adds what to do for people', () => {
    const reported = report(
      apiError(401, 'unauthorized', 'refresh token already used'),
      'http://s',
    );
    expect(reported.body).toEqual({
      statusCode: 401,
      error: 'unauthorized',
      message: 'refresh token already used',
    });
    expect(reported.text).toBe('refresh token already used; run `federa login`');
  });
});
