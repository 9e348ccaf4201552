export * from './workspace';
export * from './state';
export * from './progress';
export * from './runner';
export * from './config-file';
export * from './kubectl';
export * from './pulumi-workspace';
