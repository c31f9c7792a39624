export {
  ConfigError,
  NodeConfigSchema,
  configWarnings,
  loadConfigFile,
  parseConfig,
  type NodeConfig,
  type NodeConfigInput,
} from './config';
export { NodeDaemon, startNode, type StartNodeOptions } from './daemon';
export { RESTART_REASON } from './runs/run-executor';
export { imageMatches, checkPolicies } from './policies';
export * from './runtimes';
