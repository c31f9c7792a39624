import { defineAlgorithm } from '@federa/algorithm';
import { central } from './central';
import { partial } from './partial';

/** Federated logistic regression: `central` for the researcher, `partial` at each organization. */
export const logisticRegression = defineAlgorithm({ central, partial });
