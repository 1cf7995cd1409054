// Waiting on shared work with one caller's AbortSignal: the caller stops waiting, the work goes on for
// the others (a token request several callers share, a silent MSAL call that cannot be cancelled).
import { AppError } from '../../common/errors.ts';

export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, what = 'Cancelled.'): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new AppError('cancelled', what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError('cancelled', what));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
