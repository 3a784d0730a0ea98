export type * from './answer-types.js';
export { PLATFORMS } from './answer-types.js';
export { createEngine, type EngineDeps, type EngineObserver } from './create-engine.js';
