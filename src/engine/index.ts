/** Public surface of the engine: the contract (api.ts), the factory, compile errors, report helpers. */
export * from './api.ts';
export { createSimulation, type SimulationOptions, type EngineSimulationHandle } from './simulation.ts';
export { CompileError, compileScenario } from './compile.ts';
export { evaluateExpectation, lookupPath, parsePath, REPORT_DECIMALS } from './report.ts';
