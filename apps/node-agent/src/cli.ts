#!/usr/bin/env node
import { Command, Option } from 'commander';
import { ConfigError, configWarnings, loadConfigFile, type ConfigOverrides } from './config';
import { startNode } from './daemon';
import { createLogger } from './logger';

interface CommonOptions {
  config: string;
  serverUrl?: string;
  apiKey?: string;
  runtime?: string;
  workDir?: string;
  logLevel?: string;
}

/** The options both commands share; each falls back to an environment variable. */
function withConfigOptions(command: Command): Command {
  return command
    .addOption(new Option('-c, --config <file>', 'node config file (YAML)').env('FEDERA_NODE_CONFIG').default('node.yaml'))
    .addOption(new Option('--server-url <url>', 'server origin (overrides server_url)').env('FEDERA_SERVER_URL'))
    .addOption(new Option('--api-key <key>', "the node's API key (overrides api_key)").env('FEDERA_API_KEY'))
    .addOption(new Option('--runtime <kind>', 'process or docker (overrides runtime)').env('FEDERA_RUNTIME'))
    .addOption(new Option('--work-dir <dir>', 'run directories (overrides work_dir)').env('FEDERA_WORK_DIR'))
    .addOption(new Option('--log-level <level>', 'fatal … trace, or silent (overrides log_level)').env('FEDERA_LOG_LEVEL'));
}

function load(options: CommonOptions) {
  const overrides: ConfigOverrides = {
    ...(options.serverUrl ? { server_url: options.serverUrl } : {}),
    ...(options.apiKey ? { api_key: options.apiKey } : {}),
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.workDir ? { work_dir: options.workDir } : {}),
    ...(options.logLevel ? { log_level: options.logLevel } : {}),
  };
  return loadConfigFile(options.config, overrides);
}

function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

const program = new Command('federa-node').description('Federa node: runs federated tasks next to local data');

withConfigOptions(program.command('start').description('start the node (SIGTERM stops it gracefully)')).action(
  async (options: CommonOptions) => {
    let config;
    try {
      config = load(options);
    } catch (error) {
      fail(error);
    }
    const log = createLogger(config.log_level);
    for (const warning of configWarnings(config)) log.warn(warning);
    try {
      const node = await startNode(config, { log, handleSignals: true });
      await node.stopped; // SIGTERM/SIGINT → graceful stop
      process.exit(0);
    } catch (error) {
      log.fatal({ err: error }, 'the node could not start');
      fail(error);
    }
  },
);

withConfigOptions(program.command('check-config').description('validate the config file and print the result')).action(
  (options: CommonOptions) => {
    try {
      const config = load(options);
      const summary = {
        server_url: config.server_url,
        runtime: config.runtime,
        work_dir: config.work_dir,
        databases: config.databases.map((db) => `${db.label} (${db.type})`),
        ...(config.runtime === 'process' ? { images: Object.keys(config.process.images) } : {}),
      };
      process.stdout.write(`${options.config}: valid\n${JSON.stringify(summary, null, 2)}\n`);
      for (const warning of configWarnings(config)) process.stdout.write(`warning: ${warning}\n`);
    } catch (error) {
      fail(error);
    }
  },
);

program.parseAsync(process.argv).catch(fail);
