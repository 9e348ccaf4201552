export * from './model';
export * from './catalog';
