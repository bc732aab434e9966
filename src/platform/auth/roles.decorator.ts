import { SetMetadata } from '@nestjs/common';
import type { Role } from '../config/app-config';

export const ROLES_KEY = 'istd:roles';

/** Roles allowed on a route (any of them). Every /api route must have one; without it the guard refuses. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
