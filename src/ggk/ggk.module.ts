import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IngestModule } from '../ingest';
import { GgkController } from './ggk.controller';
import { GgkFoutbericht } from './ggk-foutbericht.entity';
import { GgkFoutberichtRepository } from './ggk-foutbericht.repository';
import { GgkOntvangstService } from './ggk-ontvangst.service';
import { GGK_SCHEMAS_PROVIDER, GgkSchemasLifecycle } from './ggk-schemas.provider';

/** The GGK SOAP endpoint (POST /ggk): envelope in, stored through IngestService, Bv03/Fo03 out. */
@Module({
  imports: [IngestModule, TypeOrmModule.forFeature([GgkFoutbericht])],
  controllers: [GgkController],
  providers: [GGK_SCHEMAS_PROVIDER, GgkSchemasLifecycle, GgkFoutberichtRepository, GgkOntvangstService],
  exports: [GGK_SCHEMAS_PROVIDER],
})
export class GgkModule {}
