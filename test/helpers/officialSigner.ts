// Huawei's own signer from @huaweicloud/huaweicloud-sdk-core, to check that what
// the node put on the wire verifies with the reference implementation.
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';

import type { RecordedRequest } from './simulator';

/** The Signature the official signer computes for a request the simulator recorded. */
export function officialSignature(request: RecordedRequest, baseUrl: string, accessKeyId: string, secretKey: string): string {
	const authorization = request.headers.authorization ?? '';
	const signedNames = /SignedHeaders=([^,]+)/.exec(authorization)?.[1].split(';') ?? [];
	const headers: Record<string, string> = {};
	for (const name of signedNames) {
		// The official signer reads the date and the host under these spellings.
		const key = name === 'x-sdk-date' ? 'X-Sdk-Date' : name;
		headers[key] = request.headers[name];
	}
	const sdkRequest = {
		method: request.method,
		endpoint: `${baseUrl}${request.pathname}`,
		headers,
		queryParams: request.query,
		data: request.body ? (JSON.parse(request.body) as unknown) : undefined,
	};
	const credential = { getAk: () => accessKeyId, getSk: () => secretKey };
	const signed = (AKSKSigner as unknown as { sign: (r: unknown, c: unknown) => Record<string, string> }).sign(
		sdkRequest,
		credential,
	);
	return /Signature=([0-9a-f]+)/.exec(signed.Authorization)?.[1] ?? '';
}

export function sentSignature(request: RecordedRequest): string {
	return /Signature=([0-9a-f]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '';
}
