export { SignalenModule, SignaalRelayHost } from './signalen.module';
export { SIGNAAL_WRITER, type Signaal, type SignaalWriter } from './signaal.port';
export { OutboxSignaalWriter, SignaalError, controleerSignaal } from './signaal.writer';
export { WeigerendeSignaalWriter } from './weigerende-signaal.writer';
export { SignaalOutboxRepository, type SignaalClaim } from './signaal-outbox.repository';
export { SignaalRelay, type SignaalRelayDeps, type RelayRonde } from './signaal.relay';
export { AmqpSignaalPublisher, TimeoutError, type SignaalPublisher, type SignaalBericht } from './amqp-signaal.publisher';
export { SignaalEvents } from './signaal-events';
export { isElfproefBsn, vindPersoonsgegeven } from './privacy';
