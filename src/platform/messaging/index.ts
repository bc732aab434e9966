export { AmqpConnection, type BrokerState } from './amqp-connection';
export { MessagingModule } from './messaging.module';
