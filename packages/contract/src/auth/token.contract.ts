import { authErrors, c } from '../common/api';
import { ErrorSchema } from '../common/error';
import {
  ContainerTokenRequestSchema,
  ContainerTokenSchema,
  NodeLoginSchema,
  NodeTokenSchema,
  RefreshSchema,
  TokenPairSchema,
  UserLoginSchema,
  UserTokenSchema,
} from './token.schema';

export const tokenContract = c.router({
  user: {
    method: 'POST',
    path: '/token/user',
    body: UserLoginSchema,
    responses: { 200: UserTokenSchema, 400: ErrorSchema, 423: ErrorSchema },
    summary: 'Log in with username and password (400 on wrong credentials, 423 when locked)',
  },
  node: {
    method: 'POST',
    path: '/token/node',
    body: NodeLoginSchema,
    responses: { 200: NodeTokenSchema, 400: ErrorSchema, 401: ErrorSchema },
    summary: 'Log a node in with its API key',
  },
  container: {
    method: 'POST',
    path: '/token/container',
    body: ContainerTokenRequestSchema,
    responses: { 200: ContainerTokenSchema, ...authErrors, 409: ErrorSchema },
    summary: 'Node: a token for the algorithm of one claimed run (expires with the run)',
  },
  refresh: {
    method: 'POST',
    path: '/token/refresh',
    body: RefreshSchema,
    responses: { 200: TokenPairSchema, 400: ErrorSchema, 401: ErrorSchema },
    summary: 'Trade a refresh token for a new pair; the old refresh token stops working',
  },
  revoke: {
    method: 'POST',
    path: '/token/revoke',
    body: RefreshSchema,
    responses: { 204: c.noBody(), 400: ErrorSchema, 401: ErrorSchema },
    summary: 'Log out: revoke a refresh token (and the session it belongs to)',
  },
});
