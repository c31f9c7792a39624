export * from './api';
export * from './encryption';
export * from './session';
export * from './tasks';
