export * from './distance';
export * from './bbox';
export * from './datum';
export * from './zones';
export * from './buffer';
export * from './measure';
export * from './layers';
export * from './validate';
