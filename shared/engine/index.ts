/** The plan engine: pure functions over plan data (see README.md). */
export * from './schema';
export * from './plan';
export * from './facts';
export * from './grade';
export * from './events';
export * from './machine';
export * from './obligations';
export * from './flowchart';
export * from './guards';
export * from './checklist';
export * from './registry';
