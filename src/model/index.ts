/** Public surface of the model layer: schemas, types, rules, (de)serialisation. */
export * from './topology.ts';
export * from './scenario.ts';
export * from './units.ts';
