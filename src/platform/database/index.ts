export { createDataSource, dataSourceOptions, MIGRATIONS_TABLE } from './data-source';
export { DatabaseModule } from './database.module';
export { runPendingMigrations } from './run-migrations';
export { sql } from './sql';
export { MIGRATIONS } from './migrations';
