/** Public surface of the model layer: schemas, types, rules, (de)serialisation. */
export * from './topology.ts';
export * from './scenario.ts';
export * from './units.ts';
export * from './connect-rules.ts';
export * from './routes.ts';
export * from './design-rules.ts';
export * from './serialize.ts';
export * from './parse.ts';
export * from './migrate.ts';
export * from './json-schema.ts';
export { formatPath, scanJson, type PathSegment, type TextPosition } from './json-positions.ts';
