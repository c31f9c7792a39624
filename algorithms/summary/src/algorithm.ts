import { defineAlgorithm } from '@federa/algorithm';
import { central } from './central';
import { partial } from './partial';

/** Federated summary statistics: `central` for the researcher, `partial` at each organization. */
export const summary = defineAlgorithm({ central, partial });
