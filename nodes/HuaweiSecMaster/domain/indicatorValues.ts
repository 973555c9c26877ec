import { InputError } from '../parameters/inputErrors';

// Pure checks of an indicator's value against its type, before anything is sent. A value is
// trimmed (copied from a report it often carries a space or a newline) and otherwise sent as
// given: upper-case hex and IPv6 stay as written. Written by hand: shipped code may not import
// node:net (n8n's lint).

/** The types the form offers; a workspace may define others (Type "Other", checked only as text). */
export const INDICATOR_TYPES = ['Domain', 'Email', 'IPv4', 'IPv6', 'MD5', 'SHA1', 'SHA256', 'SHA512', 'URL'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

const HASH_DIGITS: Partial<Record<IndicatorType, number>> = { MD5: 32, SHA1: 40, SHA256: 64, SHA512: 128 };

const WHAT: Record<IndicatorType, string> = {
	Domain: 'a domain name',
	Email: 'an e-mail address',
	IPv4: 'an IPv4 address',
	IPv6: 'an IPv6 address',
	MD5: 'an MD5 hash',
	SHA1: 'a SHA1 hash',
	SHA256: 'a SHA256 hash',
	SHA512: 'a SHA512 hash',
	URL: 'a URL',
};

/** A value as a message shows it: quoted, escapes visible, at most 80 characters. */
function shown(value: string): string {
	const quoted = JSON.stringify(value);
	return quoted.length > 80 ? `${quoted.slice(0, 76)}…"` : quoted;
}

/** Why `value` is not an IPv4 address in dotted-quad form, or undefined when it is. */
export function ipv4Problem(value: string): string | undefined {
	const parts = value.split('.');
	if (parts.length !== 4) return 'it needs four numbers 0-255 separated by dots';
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return `"${part}" is not a number 0-255`;
		// 010 is 8 to some tools (octal) and 10 to others: refused rather than guessed.
		if (part.length > 1 && part.startsWith('0')) return `"${part}" has a leading zero`;
		if (Number(part) > 255) return `${part} is more than 255`;
	}
	return undefined;
}

/** Why `value` is not an IPv6 address (RFC 4291 text forms, "::" and an IPv4 tail included). */
export function ipv6Problem(value: string): string | undefined {
	if (value.includes('%')) return 'a zone index (%…) is local to one host';
	if (value.includes('/')) return 'it is a network (with a prefix length), not one address';
	const halves = value.split('::');
	if (halves.length > 2) return '"::" may appear only once';
	const groupsOf = (text: string) => (text === '' ? [] : text.split(':'));
	const head = groupsOf(halves[0]);
	const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
	const groups = [...head, ...tail];
	let count = groups.length;
	const last = groups[groups.length - 1];
	if (last !== undefined && last.includes('.')) {
		if (!value.endsWith(last)) return 'an IPv4 part may only end the address';
		const problem = ipv4Problem(last);
		if (problem) return `its IPv4 part ${problem}`;
		count += 1; // the dotted tail stands for two groups
		groups.pop();
	}
	for (const group of groups) {
		if (!/^[0-9A-Fa-f]{1,4}$/.test(group)) return `"${group}" is not a group of 1-4 hexadecimal digits`;
	}
	if (halves.length === 2 ? count > 7 : count !== 8) {
		return halves.length === 2 ? 'it has too many groups for "::"' : 'it needs eight groups, or "::" for the zeros left out';
	}
	return undefined;
}

/** Why `value` is not an ASCII domain name with at least two labels, or undefined when it is. */
export function domainProblem(value: string): string | undefined {
	if (/[^\x20-\x7E]/.test(value)) return 'write an international name in its xn-- (punycode) form';
	if (value.length > 253) return 'it is longer than 253 characters';
	const labels = value.split('.');
	if (labels.length < 2) return 'it needs at least two labels, such as example.com';
	for (const label of labels) {
		if (label === '') return 'it has an empty label (two dots in a row, or a dot at an end)';
		if (label.length > 63) return `the label "${label.slice(0, 20)}…" is longer than 63 characters`;
		// Underscores occur in real DNS names (_dmarc, SRV records) that threat reports carry.
		if (!/^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/.test(label)) return `the label "${label}" has a character other than letters, digits, "-" and "_", or starts or ends with "-"`;
	}
	if (/^\d+$/.test(labels[labels.length - 1])) return 'its last label is a number (an IP address is not a domain)';
	return undefined;
}

function emailProblem(value: string): string | undefined {
	const at = value.lastIndexOf('@');
	if (at < 1 || at === value.length - 1) return 'it needs a name, "@" and a domain';
	const local = value.slice(0, at);
	if (local.length > 64) return 'the part before "@" is longer than 64 characters';
	if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) {
		return 'the part before "@" has a character an address may not have, or a dot at an end or twice in a row';
	}
	const problem = domainProblem(value.slice(at + 1));
	return problem ? `its domain: ${problem}` : undefined;
}

/**
 * A URL as threat reports give it: with a scheme it must parse and name a host; without one
 * (evil.example/path, or a bare path, which Huawei's live test stored as a URL) it is taken as
 * written. Only whitespace, controls and the length are refused then.
 */
function urlProblem(value: string): string | undefined {
	if (value.length > 2048) return 'it is longer than 2,048 characters';
	if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return undefined;
	try {
		if (!new URL(value).host) return 'it names no host';
	} catch {
		return 'it does not parse as a URL';
	}
	return undefined;
}

function hashProblem(value: string, digits: number): string | undefined {
	const other = /[^0-9A-Fa-f]/.exec(value);
	if (other) return `"${other[0]}" is not a hexadecimal digit`;
	if (value.length !== digits) return `it has ${value.length} hexadecimal digits, not ${digits}`;
	return undefined;
}

function problemFor(type: IndicatorType, value: string): string | undefined {
	const digits = HASH_DIGITS[type];
	if (digits) return hashProblem(value, digits);
	if (type === 'IPv4') return ipv4Problem(value);
	if (type === 'IPv6') return ipv6Problem(value);
	if (type === 'Domain') return domainProblem(value);
	if (type === 'Email') return emailProblem(value);
	return urlProblem(value);
}

/** C0 controls, DEL and C1 controls. */
function hasControl(value: string): boolean {
	return Array.from(value).some((char) => {
		const code = char.charCodeAt(0);
		return code < 0x20 || (code >= 0x7f && code <= 0x9f);
	});
}

export function isIndicatorType(type: string): type is IndicatorType {
	return (INDICATOR_TYPES as readonly string[]).includes(type);
}

/**
 * `raw` checked as a value of `type` (one of INDICATOR_TYPES, or a workspace's own type, which is
 * checked only as text) and trimmed; a problem throws InputError naming `field`.
 */
export function indicatorValue(type: string, raw: unknown, field = 'Value'): string {
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw new InputError(field, `${field} must be text, not ${raw === null ? 'null' : typeof raw}`);
	}
	const value = String(raw).trim();
	if (!value) throw new InputError(field, `${field} is empty`);
	const what = isIndicatorType(type) ? WHAT[type] : `a value of type ${type}`;
	let problem: string | undefined;
	if (hasControl(value)) problem = 'it contains a control character';
	else if (/\s/.test(value)) problem = 'it contains whitespace';
	else if (isIndicatorType(type)) problem = problemFor(type, value);
	if (problem) throw new InputError(field, `${field} ${shown(value)} is not ${what}: ${problem}`);
	return value;
}
