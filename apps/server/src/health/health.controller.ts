import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { DataSource } from 'typeorm';
import { contract } from '@federa/contract';
import { version } from '../../package.json';

@Controller()
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @TsRestHandler(contract.health)
  handle() {
    return tsRestHandler(contract.health, {
      health: async () => {
        const database = await this.db.query('SELECT 1').then(
          () => true,
          () => false,
        );
        return { status: 200, body: { status: database ? 'ok' : 'degraded', database } };
      },
      version: async () => ({ status: 200, body: { version } }),
    });
  }
}
