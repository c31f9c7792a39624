export {
  defineAlgorithm,
  toAlgorithm,
  type Algorithm,
  type AlgorithmContext,
  type AlgorithmDefinition,
  type AlgorithmFunction,
  type AlgorithmFunctions,
} from './definition/define-algorithm';
export {
  AlgorithmRunError,
  dispatch,
  serializeResult,
  type RunEnvironment,
} from './definition/dispatch';
export { run, formatError, type RunOptions } from './runner/run';
export { readRunFiles, resolveRunDir, type RunFiles } from './runner/run-dir';
export {
  SubtaskClient,
  SubtaskFailedError,
  type FailedRun,
  type PollOptions,
  type SubtaskRequest,
  type SubtaskTransport,
} from './client/subtask-client';
export {
  HttpTransport,
  ProxyError,
  UnavailableTransport,
  type HttpTransportOptions,
} from './client/http-transport';
export { parseCsv, type CsvOptions } from './data/parse-csv';
export { parseCsvTable, tableFromRows, type Cell, type Row, type Table } from './data/table';
export { loadDatabase } from './data/load-database';
export {
  mockNetwork,
  type MockNetwork,
  type MockNetworkOptions,
  type MockOrganization,
  type MockRunOptions,
} from './mock/mock-network';
