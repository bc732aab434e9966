import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config';
import { LOGGER } from '../../platform/logging';
import { SIGNAAL_WRITER, type SignaalWriter } from '../signaal.port';
import { DetectorenRunner, standaardDetectoren } from './detectoren.runner';
import { vandaagInNederland } from '../../platform/tijd/nederlandse-tijd';

/** Runs the detectors at start-up and every DETECTOREN_INTERVAL_MS (unless DETECTOREN_ENABLED=false); never two rounds at once. */
@Injectable()
export class DetectorenHost implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private ronde: Promise<void> | null = null;
  private readonly log: Logger;

  constructor(
    @Inject(DetectorenRunner) readonly runner: DetectorenRunner,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'detectoren' });
  }

  onApplicationBootstrap(): void {
    if (!this.config.detectoren.enabled) return;
    this.timer = setInterval(() => this.tik(), this.config.detectoren.intervalMs);
    this.timer.unref();
    this.tik();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ronde;
  }

  private tik(): void {
    if (this.ronde) return;
    this.ronde = this.runner
      .runAll(vandaagInNederland())
      .then(() => undefined)
      .catch((err: unknown) => this.log.error({ err }, 'detector round failed; next round at the interval'))
      .finally(() => {
        this.ronde = null;
      });
  }
}

/** Scheduled signal detectors (docs/signalen.md "Detectors"); needs the global SIGNAAL_WRITER. */
@Module({
  providers: [
    {
      provide: DetectorenRunner,
      inject: [DataSource, SIGNAAL_WRITER, AppConfig, LOGGER],
      useFactory: (ds: DataSource, writer: SignaalWriter, config: AppConfig, logger: Logger) =>
        new DetectorenRunner(ds, writer, standaardDetectoren(config.detectoren), logger.child({ component: 'detectoren' })),
    },
    DetectorenHost,
  ],
  exports: [DetectorenRunner],
})
export class DetectorenModule {}
