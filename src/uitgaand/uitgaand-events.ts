import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommitEvents } from '../platform/database/commit-events';

/** "An outbound envelope was committed to the outbox": wakes the GGK relay in this process (CommitEvents). */
@Injectable()
export class UitgaandEvents extends CommitEvents {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource);
  }
}
