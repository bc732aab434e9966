import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config';
import { tokenDigest } from '../config/load-config';
import { AppException } from '../errors/app.exception';
import { ApiTokenGuard, isApiPath } from './api-token.guard';
import { ROLES_KEY } from './roles.decorator';

const config = { apiTokens: new Map([[tokenDigest('k-token'), ['koppeling']], [tokenDigest('c-token'), ['contractmanager']]]) } as unknown as AppConfig;

function context(path: string, authorization: string | undefined, roles: string[] | undefined): ExecutionContext {
  const handler = () => undefined;
  if (roles) Reflect.defineMetadata(ROLES_KEY, roles, handler);
  const req = { path, headers: { authorization } };
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppException) return `${e.status} ${e.code}`;
    throw e;
  }
  return 'allowed';
}

describe('ApiTokenGuard', () => {
  const guard = new ApiTokenGuard(new Reflector(), config);

  it('lets public routes outside /api through', () => {
    expect(codeOf(() => guard.canActivate(context('/health', undefined, undefined)))).toBe('allowed');
  });

  it('refuses /api without or with an unknown token (401)', () => {
    expect(codeOf(() => guard.canActivate(context('/api/berichten', undefined, ['koppeling'])))).toBe('401 AUTH.UNAUTHENTICATED');
    expect(codeOf(() => guard.canActivate(context('/api/berichten', 'Bearer nope', ['koppeling'])))).toBe('401 AUTH.UNAUTHENTICATED');
    expect(codeOf(() => guard.canActivate(context('/API/berichten', 'Basic k-token', ['koppeling'])))).toBe('401 AUTH.UNAUTHENTICATED');
  });

  it('refuses a token without the role (403)', () => {
    expect(codeOf(() => guard.canActivate(context('/api/berichten', 'Bearer c-token', ['koppeling', 'backoffice'])))).toBe('403 AUTH.FORBIDDEN');
  });

  it('refuses an /api route that declares no roles (fail closed)', () => {
    expect(codeOf(() => guard.canActivate(context('/api/vergeten', 'Bearer k-token', undefined)))).toBe('403 AUTH.FORBIDDEN');
  });

  it('allows a token with one of the roles', () => {
    expect(codeOf(() => guard.canActivate(context('/api/berichten', 'bearer k-token', ['koppeling', 'backoffice'])))).toBe('allowed');
  });

  it('enforces @Roles outside /api too', () => {
    expect(codeOf(() => guard.canActivate(context('/elders', undefined, ['beheer'])))).toBe('401 AUTH.UNAUTHENTICATED');
  });
});

describe('isApiPath', () => {
  it('matches /api case-insensitively and ignores doubled slashes', () => {
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/API/berichten')).toBe(true);
    expect(isApiPath('//api//berichten')).toBe(true);
    expect(isApiPath('/apix')).toBe(false);
    expect(isApiPath('/health')).toBe(false);
  });
});
