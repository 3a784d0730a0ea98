import type { InferenceSession } from 'onnxruntime-node';
import { RiskXpertError } from '../errors.js';

const sessions = new Map<string, Promise<InferenceSession>>();

/**
 * One InferenceSession per model file per process, created on first use and then shared: creating a session
 * costs tens of milliseconds and memory, running one costs microseconds. A failed load is not cached, so a
 * fixed file is picked up on the next call.
 */
export function getSession(modelPath: string, options: { intraOpThreads?: number } = {}): Promise<InferenceSession> {
  let session = sessions.get(modelPath);
  if (!session) {
    session = (async () => {
      const ort = await import('onnxruntime-node');
      try {
        return await ort.InferenceSession.create(modelPath, {
          intraOpNumThreads: options.intraOpThreads ?? 1,
          interOpNumThreads: 1,
          graphOptimizationLevel: 'all',
        });
      } catch (err) {
        throw new RiskXpertError(
          'MODEL_UNAVAILABLE',
          `Cannot load the ONNX model ${modelPath}: ${(err as Error).message}`,
          { cause: err },
        );
      }
    })();
    sessions.set(modelPath, session);
    session.catch(() => sessions.delete(modelPath));
  }
  return session;
}

export async function releaseSession(modelPath: string): Promise<void> {
  const session = sessions.get(modelPath);
  sessions.delete(modelPath);
  if (session) await (await session.catch(() => undefined))?.release();
}
