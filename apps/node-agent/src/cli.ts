#!/usr/bin/env node
import { Command, Option } from 'commander';
import type { NodeConfig } from '@federa/contract';
import { ConfigError, configWarnings, loadConfigFile, type ConfigOverrides } from './config-file';
import { startNode } from './daemon';
import { createLogger } from './logger';

interface ConfigOptions {
  config: string;
  serverUrl?: string;
  apiKey?: string;
  runtime?: string;
  workDir?: string;
  logLevel?: string;
}

/** Where the CLI writes; tests capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  exit: (code: number) => never | void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/** The options both commands share; each falls back to an environment variable. */
function withConfigOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-c, --config <file>', 'node config file (YAML)')
        .env('FEDERA_NODE_CONFIG')
        .default('node.yaml'),
    )
    .addOption(
      new Option('--server-url <url>', 'server origin; overrides server_url').env(
        'FEDERA_SERVER_URL',
      ),
    )
    .addOption(
      new Option('--api-key <key>', "the node's API key; overrides api_key").env('FEDERA_API_KEY'),
    )
    .addOption(
      new Option('--runtime <kind>', 'process or docker; overrides runtime').env('FEDERA_RUNTIME'),
    )
    .addOption(
      new Option('--work-dir <dir>', 'where run directories go; overrides work_dir').env(
        'FEDERA_WORK_DIR',
      ),
    )
    .addOption(
      new Option('--log-level <level>', 'fatal … trace, or silent; overrides log_level').env(
        'FEDERA_LOG_LEVEL',
      ),
    );
}

function load(options: ConfigOptions): NodeConfig {
  const overrides: ConfigOverrides = {
    server_url: options.serverUrl,
    api_key: options.apiKey,
    runtime: options.runtime,
    work_dir: options.workDir,
    log_level: options.logLevel,
  };
  return loadConfigFile(options.config, overrides);
}

/** `federa-node start | check-config`. */
export function buildProgram(io: CliIo = processIo): Command {
  const fail = (error: unknown) => {
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return io.exit(error instanceof ConfigError ? 2 : 1);
  };
  const program = new Command('federa-node')
    .description('Federa node: runs federated tasks next to local data')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  withConfigOptions(
    program.command('start').description('start the node (SIGTERM or Ctrl-C stops it gracefully)'),
  ).action(async (options: ConfigOptions) => {
    let config: NodeConfig;
    try {
      config = load(options);
    } catch (error) {
      return fail(error);
    }
    const log = createLogger(config.log_level);
    for (const warning of configWarnings(config)) log.warn(warning);
    try {
      const node = await startNode(config, { log, handleSignals: true });
      await node.stopped;
      return io.exit(0);
    } catch (error) {
      log.fatal({ err: error }, 'the node could not start');
      return fail(error);
    }
  });

  withConfigOptions(
    program.command('check-config').description('validate a config file and summarise it'),
  ).action((options: ConfigOptions) => {
    try {
      const config = load(options);
      const summary = {
        server_url: config.server_url,
        runtime: config.runtime,
        work_dir: config.work_dir,
        max_concurrent_runs: config.max_concurrent_runs,
        databases: config.databases.map((db) => `${db.label} (${db.type})`),
        ...(config.runtime === 'process' ? { images: Object.keys(config.process.images) } : {}),
        policies: config.policies,
        ...(config.encryption ? { encryption: config.encryption } : {}),
      };
      io.out(`${options.config}: valid\n${JSON.stringify(summary, null, 2)}\n`);
      for (const warning of configWarnings(config)) io.out(`warning: ${warning}\n`);
    } catch (error) {
      fail(error);
    }
  });
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: { exitCode?: number }) => {
      // commander already printed usage errors; --help and --version end here too
      process.exit(typeof error.exitCode === 'number' ? error.exitCode : 1);
    });
}
