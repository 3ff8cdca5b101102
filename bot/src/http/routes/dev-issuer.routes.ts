/**
 * Local mode only: the embedded development issuer's endpoints (OpenID metadata, JWKS) and the
 * dev sign-in helpers the tab uses outside Teams (list demo users, mint a token for one).
 * These are the only unauthenticated routes besides health and the OpenAPI document; the server
 * registers them only when AUTH_MODE=local, which configuration forbids in production.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Api } from '../api.ts';
import { sendError } from '../api.ts';
import type { AppServices } from '../../app.ts';
import type { DevIssuer } from '../../auth/dev-issuer.ts';
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from '../../core/principal.ts';
import { ErrorCodes, invalid, notFound } from '../../core/errors.ts';
import { guid } from '../contracts/common.ts';
import { demoUser, devToken, tokenRequest } from '../contracts/dev-issuer.ts';

/** The authentication contexts a base64 claims challenge asks for (none when unreadable). */
function contextsAsked(claims: string | undefined): string[] {
  if (!claims) return [];
  try {
    const parsed = JSON.parse(Buffer.from(claims, 'base64').toString('utf8')) as {
      access_token?: { acrs?: { value?: unknown; values?: unknown } };
    };
    const acrs = parsed.access_token?.acrs;
    const values = [acrs?.value, ...(Array.isArray(acrs?.values) ? acrs.values : [])];
    return values.filter((v): v is string => typeof v === 'string' && /^c\d{1,2}$/.test(v));
  } catch {
    return [];
  }
}

export function registerDevIssuerRoutes(
  server: Server,
  api: Api,
  services: AppServices,
  issuer: DevIssuer,
  logOf: (req: Request) => Logger
): void {
  const { demoUsers } = services;

  server.get('/dev-issuer/discovery/v2.0/keys', async (_req: Request, res: Response) => {
    res.json(200, issuer.jwks());
  });
  server.get(
    '/dev-issuer/:tenantId/v2.0/.well-known/openid-configuration',
    async (req: Request, res: Response) => {
      const parsed = guid.safeParse(req.params.tenantId);
      if (!parsed.success)
        sendError(res, logOf(req), invalid(ErrorCodes.REQUEST_INVALID, 'Unknown tenant id.'));
      else res.json(200, issuer.openIdConfiguration(parsed.data));
    }
  );

  server.get('/dev-issuer/users', async (req: Request, res: Response) => {
    try {
      res.json(200, await demoUsers.list());
    } catch (err) {
      sendError(res, logOf(req), err);
    }
  });

  server.post('/dev-issuer/token', async (req: Request, res: Response) => {
    try {
      const parsed = tokenRequest.safeParse(req.body);
      if (!parsed.success)
        throw invalid(ErrorCodes.REQUEST_INVALID, 'Send {tenantId, userId} as GUIDs.');
      const { tenantId, userId } = parsed.data;
      const acrs = contextsAsked(parsed.data.claims);
      const mfa = parsed.data.mfa === true || acrs.length > 0;
      const user = await demoUsers.get(tenantId, userId);
      if (!user) throw notFound('DEV_ISSUER.UNKNOWN_USER', 'No such demo user.');
      const expiresIn = 3600;
      const accessToken = await issuer.mint({
        tenantId,
        userId,
        name: user.displayName,
        upn: user.userPrincipalName,
        wids: user.isGlobalAdmin ? [GLOBAL_ADMIN_ROLE_TEMPLATE_ID] : [],
        amr: mfa ? ['pwd', 'mfa'] : ['pwd'],
        acrs,
        expiresInSeconds: expiresIn,
      });
      res.json(200, { accessToken, expiresIn });
    } catch (err) {
      sendError(res, logOf(req), err);
    }
  });

  api.registry.registerPath({
    method: 'get',
    path: '/dev-issuer/users',
    tags: ['Dev issuer (local mode)'],
    summary: 'Demo users for the local sign-in page',
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: z.array(demoUser) } } },
    },
  });
  api.registry.registerPath({
    method: 'post',
    path: '/dev-issuer/token',
    tags: ['Dev issuer (local mode)'],
    summary: 'Mint an Entra-shaped access token for a demo user',
    request: { body: { content: { 'application/json': { schema: tokenRequest } } } },
    responses: {
      200: {
        description: 'OK',
        content: {
          'application/json': { schema: devToken },
        },
      },
    },
  });
}
