/**
 * Bytes a piece of code allocates on the JavaScript heap, garbage included, from V8's
 * sampling heap profiler (the inspector's HeapProfiler, told to keep the objects minor and
 * major collections freed). Sampling: each sample stands for ~`interval` bytes, so the
 * figure is an estimate good to a few percent above a few MB. For benchmarks only: the
 * profiler slows allocation while it runs, so time nothing inside it.
 */
import { Session } from 'node:inspector';

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}

/** Estimated bytes `fn` allocated (typed-array contents off the heap are not counted). */
export async function sampledAllocation(fn: () => void, interval = 4096): Promise<number> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result as T),
      );
    });
  try {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: interval,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    });
    let bytes = 0;
    try {
      fn();
    } finally {
      const { profile } = await post<{ profile: { head: SamplingNode } }>(
        'HeapProfiler.stopSampling',
      );
      bytes = total(profile.head);
    }
    return bytes;
  } finally {
    session.disconnect();
  }
}

function total(node: SamplingNode): number {
  let sum = node.selfSize;
  for (const child of node.children) sum += total(child);
  return sum;
}
