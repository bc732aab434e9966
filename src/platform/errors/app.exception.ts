import { HttpStatus } from '@nestjs/common';

/**
 * An error with a stable `MODULE.REASON` code, answered as `{"code", "message"}`. The message is
 * shown to the caller: never put client data (BSN, name, content) in it.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus,
    /** Extra response headers, e.g. WWW-Authenticate. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AppException';
  }
}
