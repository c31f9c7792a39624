export { NodeConfigSchema, type NodeConfig, type NodeConfigInput } from '@federa/contract';
export { ConfigError, configWarnings, loadConfigFile, parseConfig } from './config-file';
export { NodeDaemon, startNode, type StartNodeOptions } from './daemon';
export { RESTART_REASON } from './runs/run-executor';
export { imageMatches, checkPolicies } from './policies';
export * from './runtimes';
