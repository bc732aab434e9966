import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppConfig, type Role } from '../config/app-config';
import { tokenDigest } from '../config/load-config';
import { AppException } from '../errors/app.exception';
import { ROLES_KEY } from './roles.decorator';

/** Who called, as far as the API cares: the roles of the bearer token. */
export interface Caller {
  roles: readonly Role[];
}

declare module 'http' {
  interface IncomingMessage {
    caller?: Caller;
  }
}

/**
 * Bearer-token check on every /api route (and on any route that declares @Roles). A route under
 * /api without @Roles is refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!isApiPath(req.path) && required === undefined) return true;

    const roles = this.rolesOf(req.headers.authorization);
    if (!roles) {
      throw new AppException('AUTH.UNAUTHENTICATED', 'a valid bearer token is required', HttpStatus.UNAUTHORIZED, {
        'WWW-Authenticate': 'Bearer realm="istd-gateway"',
      });
    }
    if (!required || required.length === 0) {
      throw new AppException('AUTH.FORBIDDEN', 'this route declares no roles and is closed', HttpStatus.FORBIDDEN);
    }
    if (!roles.some((r) => required.includes(r))) {
      throw new AppException('AUTH.FORBIDDEN', `this route needs role ${required.join(' or ')}`, HttpStatus.FORBIDDEN);
    }
    req.caller = { roles };
    return true;
  }

  private rolesOf(header: string | undefined): readonly Role[] | undefined {
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    // Looked up by digest: no comparison on the secret itself, so no timing signal.
    return m ? this.config.apiTokens.get(tokenDigest(m[1])) : undefined;
  }
}

/** Express routes case-insensitively, so the check does too. */
export function isApiPath(path: string): boolean {
  const p = path.toLowerCase().replace(/\/{2,}/g, '/');
  return p === '/api' || p.startsWith('/api/');
}
