import {
	batchingOf,
	pausesBefore,
	proxyProblem,
	transportOptions,
} from '../../nodes/HuaweiSecMaster/transport/requestOptions';

describe('batchingOf', () => {
	it('is "no pause" when the option is not set', () => {
		expect(batchingOf({})).toEqual({ size: 1, intervalMs: 0 });
	});

	it('reads the batch size and interval', () => {
		expect(batchingOf({ batching: { batch: { batchSize: 50, batchInterval: 1000 } } })).toEqual({ size: 50, intervalMs: 1000 });
	});

	it('takes a batch size of 0 or less as 1, as n8n does', () => {
		expect(batchingOf({ batching: { batch: { batchSize: -1, batchInterval: 10 } } })).toEqual({ size: 1, intervalMs: 10 });
	});
});

describe('pausesBefore', () => {
	const batching = { size: 3, intervalMs: 10 };

	it('pauses before the first item of every batch but the first', () => {
		const paused = [0, 1, 2, 3, 4, 5, 6, 7].filter((index) => pausesBefore(index, batching));
		expect(paused).toEqual([3, 6]);
	});

	it('never pauses without an interval', () => {
		expect([0, 1, 2, 3].some((index) => pausesBefore(index, { size: 1, intervalMs: 0 }))).toBe(false);
	});
});

describe('proxyProblem', () => {
	it.each([
		['not a URL', 'host'],
		['http://', 'host'],
		['socks9://proxy.example', 'port'],
	])('refuses %s, naming the %s', (proxy, part) => {
		expect(proxyProblem({ proxy })).toBe(`The proxy URL does not contain a valid value for "${part}"`);
	});

	it.each(['http://proxy.example:3128', 'http://proxy.example', 'https://user:pw@proxy.example'])('takes %s', (proxy) => {
		expect(proxyProblem({ proxy })).toBeUndefined();
	});

	it('has nothing to say when no proxy is set', () => {
		expect(proxyProblem({})).toBeUndefined();
		expect(proxyProblem({ proxy: '' })).toBeUndefined();
	});
});

describe('transportOptions', () => {
	it("uses n8n's 300 s timeout unless one is given", () => {
		expect(transportOptions({})).toEqual({ timeout: 300_000 });
		expect(transportOptions({ timeout: 1500 })).toEqual({ timeout: 1500 });
	});

	it('turns the proxy URL into host, port, protocol and credentials', () => {
		expect(transportOptions({ proxy: 'http://us%40er:p%3Aw@10.0.0.1:3128' }).proxy).toEqual({
			host: '10.0.0.1',
			port: 3128,
			protocol: 'http',
			auth: { username: 'us@er', password: 'p:w' },
		});
	});

	it("fills in the scheme's default port", () => {
		expect(transportOptions({ proxy: 'https://proxy.example' }).proxy).toEqual({ host: 'proxy.example', port: 443, protocol: 'https' });
	});

	it('skips certificate checks only when asked', () => {
		expect(transportOptions({ allowUnauthorizedCerts: true }).skipSslCertificateValidation).toBe(true);
		expect(transportOptions({ allowUnauthorizedCerts: false }).skipSslCertificateValidation).toBeUndefined();
	});
});
