import { sleep } from 'n8n-workflow';

/**
 * Waits `ms`, or less once `signal` aborts. n8n 2's sleep takes the signal itself; n8n 1's
 * ignores it, so the abort is raced here too and the wait ends on both engines.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) return;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal).catch(() => undefined), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
