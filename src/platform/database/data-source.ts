import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Name of TypeORM's bookkeeping table. */
export const MIGRATIONS_TABLE = 'typeorm_migrations';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Entities = MixedList<Function | string | EntitySchema>;

/** The one place where connection options are decided: Nest, the CLI and tests all use this. */
export function dataSourceOptions(databaseUrl: string, entities: Entities = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'istd-gateway',
    // Fail a query instead of waiting forever when the database is unreachable (health check).
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}

export function createDataSource(databaseUrl: string, entities: Entities = []): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, entities));
}
