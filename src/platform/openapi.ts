import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('istd-gateway')
    .setDescription(
      'Integration gateway for iWmo 3.2 and iJw 3.2 berichtenverkeer. Every /api route needs a bearer token ' +
        'with a role; errors are {"code": "MODULE.REASON", "message": "..."}.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config));
}
