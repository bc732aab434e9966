import { CreateClientInboundBericht1795400000000 } from './1795400000000-create-client-inbound-bericht';

/**
 * Every migration, oldest first. Listed explicitly (no glob) so the same list works from the
 * TypeScript sources (tests) and from dist/ (npm start, migration:run). Never edit one once merged.
 */
export const MIGRATIONS = [CreateClientInboundBericht1795400000000];
