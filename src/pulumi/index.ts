export * from './stack-config';
export * from './stack-file';
export * from './deploy-plan';
export * from './register';
export * from './deploy-stack';
export * from './program';
