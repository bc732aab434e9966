export { IngestModule } from './ingest.module';
export { IngestService, type GgkOntvangInput, type GgkOntvangResultaat, type OntvangInput, type OntvangResultaat, type RestOntvangInput } from './ingest.service';
export { InboundBericht, type EindStatus, type InboundStatus, type Kanaal } from './inbound-bericht.entity';
export {
  InboundBerichtRepository,
  type Claim,
  type GgkBewaarResultaat,
  type TeVerwerkenBericht,
  type VerwerkingUitkomst,
} from './inbound-bericht.repository';
export { InboundEvents } from './inbound-events';
export type { AntwoordSamenvatting, BerichtIdentiteit, GgkEnvelopGegevens, RetourcodesOpPlek, StoredVerdict } from './inbound-bericht.types';
export { IngestErrorCode, IngestException } from './ingest.exception';
