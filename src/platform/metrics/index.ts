export { MetricsService } from './metrics.service';
export { MetricsModule } from './metrics.module';
