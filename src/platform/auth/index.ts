export { ApiTokenGuard, isApiPath, type Caller } from './api-token.guard';
export { Roles, ROLES_KEY } from './roles.decorator';
