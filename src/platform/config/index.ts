export * from './app-config';
export * from './load-config';
export { ConfigModule } from './config.module';
