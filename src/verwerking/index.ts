export { VerwerkingModule, InboundWorkerHost } from './verwerking.module';
export { InboundWorker, type InboundWorkerDeps } from './inbound.worker';
export { ValidatieVerwerker } from './validatie.verwerker';
export * from './verwerking.ports';
