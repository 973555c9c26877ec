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

/**
 * "." and ".." cannot be made safe by encoding: URL parsers treat "%2E%2E" as
 * ".." too (WHATWG URL), so such an ID would climb out of its place in the path.
 */
export function isDotSegment(value: string): boolean {
	return value === '.' || value === '..';
}

export function encodePathSegment(value: string): string {
	if (isDotSegment(value)) throw new RangeError(`"${value}" cannot be used as a path segment`);
	return encodeURIComponent(value);
}

/** `/v1/{project}/workspaces/{workspace}/{...segments}`; literal segments and IDs alike are encoded. */
export function workspacePath(projectId: string, workspaceId: string, segments: string[]): string {
	return ['', 'v1', projectId, 'workspaces', workspaceId, ...segments]
		.map((segment, index) => (index === 0 ? segment : encodePathSegment(segment)))
		.join('/');
}
