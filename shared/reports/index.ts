/** Reports (疫苗预案 5.1–5.3): form fields from the plan, validation, deadlines, and the GB/T 9704 layout model. */
export * from './fields';
export * from './validate';
export * from './deadlines';
export * from './layout';
export * from './prefill';
export type * from './types';
