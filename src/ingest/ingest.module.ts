import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BerichtenController } from './berichten.controller';
import { InboundBericht } from './inbound-bericht.entity';
import { InboundBerichtRepository } from './inbound-bericht.repository';
import { InboundEvents } from './inbound-events';
import { IngestService } from './ingest.service';

/** Receive and store raw berichten (the inbox). The GGK SOAP endpoint reuses IngestService. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundBericht])],
  controllers: [BerichtenController],
  providers: [IngestService, InboundBerichtRepository, InboundEvents],
  exports: [IngestService, InboundBerichtRepository, InboundEvents],
})
export class IngestModule {}
