import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AccessService } from './auth/access.service';
import { AuthGuard } from './auth/auth.guard';
import { CallerCache } from './auth/caller-cache';
import { CallerResolver } from './auth/caller.resolver';
import { LoginService } from './auth/login.service';
import { TokenController } from './auth/token.controller';
import { TokensService } from './auth/tokens.service';
import { CollaborationsController } from './collaborations/collaborations.controller';
import { CollaborationsService } from './collaborations/collaborations.service';
import { StudiesService } from './collaborations/studies.service';
import { ErrorFilter } from './common/error.filter';
import { CONFIG, type Config } from './config/config';
import { HealthController } from './health/health.controller';
import { NodesController } from './nodes/nodes.controller';
import { NodesService } from './nodes/nodes.service';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';
import { RealtimeService } from './realtime/realtime.service';
import { RoomAccess } from './realtime/room-access';
import { TasksGateway } from './realtime/tasks.gateway';
import { NodePresenceService } from './nodes/node-presence.service';
import { RolesController } from './roles/roles.controller';
import { RolesService } from './roles/roles.service';
import { RunsController } from './runs/runs.controller';
import { RunTransitions } from './runs/run-transitions';
import { RunsService } from './runs/runs.service';
import { TasksController } from './tasks/tasks.controller';
import { TaskStatusUpdater } from './tasks/task-status';
import { TasksRepository } from './tasks/tasks.repository';
import { TasksService } from './tasks/tasks.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

export interface AppDependencies {
  config: Config;
  db: DataSource;
  jwtSecret: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, db, jwtSecret }: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        JwtModule.register({
          // A key object made once: given a string, jsonwebtoken first tries (and fails) to
          // parse it as a public key on every verification, ~1 ms of CPU per request.
          secret: createSecretKey(Buffer.from(jwtSecret)),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        TokenController,
        UsersController,
        OrganizationsController,
        CollaborationsController,
        NodesController,
        TasksController,
        RunsController,
        RolesController,
        HealthController,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: DataSource, useValue: db },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        AccessService,
        CallerResolver,
        CallerCache,
        TokensService,
        LoginService,
        UsersService,
        OrganizationsService,
        CollaborationsService,
        StudiesService,
        NodesService,
        TasksRepository,
        TaskStatusUpdater,
        TasksService,
        RunsService,
        RunTransitions,
        RolesService,
        RealtimeService,
        RoomAccess,
        TasksGateway,
        NodePresenceService,
      ],
    };
  }
}
