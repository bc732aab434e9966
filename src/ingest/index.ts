export { IngestModule } from './ingest.module';
export { IngestService, type OntvangInput, type OntvangResultaat } from './ingest.service';
export { InboundBericht, type EindStatus, type InboundStatus, type Kanaal } from './inbound-bericht.entity';
export {
  InboundBerichtRepository,
  type Claim,
  type TeVerwerkenBericht,
  type VerwerkingUitkomst,
} from './inbound-bericht.repository';
export { InboundEvents } from './inbound-events';
export type { BerichtIdentiteit, StoredVerdict } from './inbound-bericht.types';
export { IngestErrorCode, IngestException } from './ingest.exception';
