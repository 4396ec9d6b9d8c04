export * from './client';
export * as operations from './operations';
export type { OperationSpec } from './operations';
export * from './schemas';
