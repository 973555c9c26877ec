import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

// The Request Options n8n adds to every declarative node (batching, proxy,
// timeout, SSL), read the way n8n's RoutingNode reads them, so that the custom
// operations honour them exactly as the node's other operations do.

export interface Batching {
	/** Items started before each pause. */
	size: number;
	/** The pause in ms; 0 for none. */
	intervalMs: number;
}

export function batchingOf(requestOptions: IDataObject): Batching {
	const batch = ((requestOptions.batching as IDataObject | undefined)?.batch ?? {}) as IDataObject;
	const size = Number(batch.batchSize);
	const interval = Number(batch.batchInterval);
	return {
		size: size > 0 ? size : 1,
		intervalMs: interval > 0 ? interval : 0,
	};
}

/** Whether the item at `itemIndex` waits the batch interval before it starts. */
export function pausesBefore(itemIndex: number, batching: Batching): boolean {
	return itemIndex > 0 && batching.intervalMs > 0 && itemIndex % batching.size === 0;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function proxyUrl(requestOptions: IDataObject): URL | string | undefined {
	const proxy = requestOptions.proxy;
	if (typeof proxy !== 'string' || !proxy) return undefined;
	return URL.canParse(proxy) ? new URL(proxy) : proxy;
}

/** What is wrong with the Proxy option, as n8n words it; undefined when there is none or it is usable. */
export function proxyProblem(requestOptions: IDataObject): string | undefined {
	const url = proxyUrl(requestOptions);
	if (url === undefined) return undefined;
	// WHATWG URL leaves out a port that is the scheme's default.
	const missing = typeof url === 'string' || !url.hostname ? 'host' : !(url.port || DEFAULT_PORTS[url.protocol]) ? 'port' : undefined;
	return missing && `The proxy URL does not contain a valid value for "${missing}"`;
}

function parsedProxy(url: URL): IHttpRequestOptions['proxy'] {
	const parsed: NonNullable<IHttpRequestOptions['proxy']> = {
		host: url.hostname,
		port: parseInt(url.port || DEFAULT_PORTS[url.protocol], 10),
		protocol: url.protocol.replace(/:$/, '') || undefined,
	};
	if (url.username || url.password) {
		parsed.auth = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
	}
	return parsed;
}

/** What every request of the run carries: timeout (n8n's 300 s by default), proxy, certificate checking. Check proxyProblem first. */
export function transportOptions(requestOptions: IDataObject): Partial<IHttpRequestOptions> {
	const options: Partial<IHttpRequestOptions> = {};
	const timeout = Number(requestOptions.timeout);
	options.timeout = timeout > 0 ? timeout : 300_000;
	const proxy = proxyUrl(requestOptions);
	if (proxy instanceof URL) options.proxy = parsedProxy(proxy);
	if (requestOptions.allowUnauthorizedCerts === true) options.skipSslCertificateValidation = true;
	return options;
}
