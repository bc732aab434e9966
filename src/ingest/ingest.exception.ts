import { HttpStatus } from '@nestjs/common';
import { AppException } from '../platform/errors';

/** Stable error codes of the ingest module. */
export const IngestErrorCode = {
  TOO_LARGE: 'INGEST.TOO_LARGE',
  NOT_A_BERICHT: 'INGEST.NOT_A_BERICHT',
  UNSUPPORTED_MEDIA_TYPE: 'INGEST.UNSUPPORTED_MEDIA_TYPE',
  DUPLICATE_IDENTIFICATIE: 'INGEST.DUPLICATE_IDENTIFICATIE',
  NOT_FOUND: 'INGEST.NOT_FOUND',
  INVALID_ID: 'INGEST.INVALID_ID',
} as const;

export class IngestException extends AppException {
  static tooLarge(max: number): IngestException {
    return new IngestException(IngestErrorCode.TOO_LARGE, `bericht is larger than the limit of ${max} bytes`, HttpStatus.PAYLOAD_TOO_LARGE);
  }

  static notABericht(reason: string): IngestException {
    return new IngestException(IngestErrorCode.NOT_A_BERICHT, `not an iWmo/iJw 3.2 bericht: ${reason}`, HttpStatus.BAD_REQUEST);
  }

  static unsupportedMediaType(what: string): IngestException {
    return new IngestException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE, what, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  static duplicateIdentificatie(bestaandId: string): IngestException {
    return new IngestException(
      IngestErrorCode.DUPLICATE_IDENTIFICATIE,
      `another bericht with this BerichtIdentificatie from this afzender was already received (id ${bestaandId}); TR056`,
      HttpStatus.CONFLICT,
    );
  }

  static notFound(): IngestException {
    return new IngestException(IngestErrorCode.NOT_FOUND, 'no bericht with this id', HttpStatus.NOT_FOUND);
  }

  static invalidId(): IngestException {
    return new IngestException(IngestErrorCode.INVALID_ID, 'id must be a UUID', HttpStatus.BAD_REQUEST);
  }
}
