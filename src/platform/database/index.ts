export { createDataSource, dataSourceOptions, MIGRATIONS_TABLE } from './data-source';
export { DatabaseModule } from './database.module';
export { runPendingMigrations } from './run-migrations';
export { MIGRATIONS } from './migrations';
