export * from './types';
export * from './placeDaemonSet';
export * from './tolerations';
export * from './podRequests';
export * from './quantity';
