export { GgkModule } from './ggk.module';
export { GgkFoutbericht } from './ggk-foutbericht.entity';
export * from './gateway-applicatie';
