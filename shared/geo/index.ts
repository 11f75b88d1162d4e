// Pure geometry for both sides. The buffer helpers (shared/geo/buffer.ts, @turf/buffer + JSTS, ~1 MB) are NOT
// re-exported here, so that importing distances or point-in-zone does not load them; import './buffer' directly.
export * from './distance';
export * from './bbox';
export * from './datum';
export * from './zones';
export * from './measure';
export * from './layers';
export * from './validate';
