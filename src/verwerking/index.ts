export { VerwerkingModule, InboundWorkerHost } from './verwerking.module';
export { InboundWorker, type InboundWorkerDeps } from './inbound.worker';
export { ValidatieVerwerker } from './validatie.verwerker';
export * from './verwerking.ports';
export { DECLARATIE_UITVAL, pijplijnStappen, type DeclaratieDeps, type PijplijnDeps } from './stappen';
export { PostgresRegister, pasMutatiesToe, REGISTER_ENTITIES } from './register';
