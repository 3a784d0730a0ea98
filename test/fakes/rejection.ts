import { expect } from 'vitest';
import { RiskXpertError } from '../../src/errors.js';

/** Awaits a promise that must reject with a RiskXpertError, and returns that error for its code and message. */
export async function rejection(p: Promise<unknown>): Promise<RiskXpertError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(RiskXpertError);
    return err as RiskXpertError;
  }
  throw new Error('expected a rejection');
}
