import { sleep } from 'n8n-workflow';

/** n8n 1's sleep cannot be cancelled: a wait is slept in slices, so a stop leaves at most one behind. */
const SLICE_MS = 1000;

/**
 * Waits `ms`, or less once `signal` aborts. n8n 2's sleep takes the signal itself; n8n 1's
 * ignores it, so the abort is raced here too and the wait ends on both engines, and no
 * timer of the whole wait outlives a stopped execution.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) return;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	const end = Date.now() + ms;
	try {
		for (let left = ms; left > 0 && !signal.aborted; left = end - Date.now()) {
			await Promise.race([sleep(Math.min(left, SLICE_MS), signal).catch(() => undefined), aborted]);
		}
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
