// Pure URL building. A workflow's IDs are checked first (pathIdProblem: a value
// that could change the path is refused, not repaired), then every segment goes
// through encodePathSegment, so that nothing that gets through (an ID from a
// list search or from SecMaster itself) can leave its own path segment.

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

/** Characters that would change the request's path or query, or that look pre-encoded (`%2F`). */
const PATH_CHARACTERS = ['/', '\\', '?', '#', '%'];

/** C0 controls, DEL and C1 controls: never part of a SecMaster ID, and invisible in a form. */
function isControl(code: number): boolean {
	return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function unicodeHex(char: string): string {
	return char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/** Shown as \uXXXX in messages: controls, and whitespace a reader would take for a space or miss. */
function isInvisible(char: string): boolean {
	return isControl(char.charCodeAt(0)) || (char !== ' ' && /\s/.test(char));
}

/** A value as an error message can show it: invisible characters as \uXXXX, at most 60 characters. */
export function shownValue(value: string): string {
	const chars = Array.from(value);
	const shown = chars
		.slice(0, chars.length > 60 ? 57 : 60)
		.map((char) => (isInvisible(char) ? `\\u${unicodeHex(char)}` : char))
		.join('');
	return chars.length > 60 ? `${shown}…` : shown;
}

/** A lone UTF-16 surrogate cannot be URL-encoded (encodeURIComponent throws on it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `value` cannot be an ID that goes into a URL path, or undefined when it
 * can. SecMaster's IDs are UUIDs or 32 hex digits; any other printable text
 * without whitespace and without the characters above is let through (and
 * encoded), so that unusual but harmless IDs (e.g. unicode) still work.
 */
export function pathIdProblem(value: string): string | undefined {
	if (value.trim() === '') return 'is empty';
	if (isDotSegment(value)) return `"${value}" is not an ID`;
	const notAnId = `"${shownValue(value)}" is not an ID`;
	if (value.trim() !== value) return `${notAnId}: it starts or ends with whitespace`;
	for (const char of value) {
		if (isControl(char.charCodeAt(0))) return `${notAnId}: it contains the control character U+${unicodeHex(char)}`;
		if (PATH_CHARACTERS.includes(char)) return `${notAnId}: it contains "${char}"`;
	}
	if (/\s/.test(value)) return `${notAnId}: it contains whitespace`;
	if (LONE_SURROGATE.test(value)) return `${notAnId}: it is not valid Unicode text`;
	return undefined;
}

export function encodePathSegment(value: string): string {
	if (isDotSegment(value)) throw new RangeError(`"${value}" cannot be used as a path segment`);
	return encodeURIComponent(value);
}

/** `/v1/{project}/workspaces/{workspace}/{...segments}`; literal segments and IDs alike are encoded. */
export function workspacePath(projectId: string, workspaceId: string, segments: string[]): string {
	return ['', 'v1', projectId, 'workspaces', workspaceId, ...segments]
		.map((segment) => encodePathSegment(segment))
		.join('/');
}
