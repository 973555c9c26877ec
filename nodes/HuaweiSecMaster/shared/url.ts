// Pure URL building: every ID goes through encodePathSegment so that no value a
// workflow passes in can leave its own path segment.

export interface EndpointSettings {
	region?: unknown;
	endpoint?: unknown;
}

export function secMasterBaseUrl({ region, endpoint }: EndpointSettings): string {
	const override = typeof endpoint === 'string' ? endpoint.trim() : '';
	const base = override || `https://secmaster.${String(region ?? 'cn-north-4').trim()}.myhuaweicloud.com`;
	return base.replace(/\/+$/, '');
}

export function encodePathSegment(value: string): string {
	// encodeURIComponent leaves "." alone, and a segment of only dots would be
	// resolved as "current/parent directory" by URL parsers.
	const encoded = encodeURIComponent(value);
	return /^\.+$/.test(value) ? encoded.replace(/\./g, '%2E') : encoded;
}

/** `/v1/{project}/workspaces/{workspace}/{...segments}`; literal segments and IDs alike are encoded. */
export function workspacePath(projectId: string, workspaceId: string, segments: string[]): string {
	return ['', 'v1', projectId, 'workspaces', workspaceId, ...segments]
		.map((segment, index) => (index === 0 ? segment : encodePathSegment(segment)))
		.join('/');
}
