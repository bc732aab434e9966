import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommitEvents } from '../platform/database/commit-events';

/** "A signal was committed to the outbox": wakes the signal relay in this process (CommitEvents). */
@Injectable()
export class SignaalEvents extends CommitEvents {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource);
  }
}
