export { PostgresRegister } from './postgres-register';
export { pasMutatiesToe } from './register.schrijver';
export { registerSloten, slotNummers } from './register-sloten.util';
export * from './register.entities';
export { vergrendel } from './register-vergrendeling';
