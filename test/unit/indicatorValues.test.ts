import { createIndicatorBody, indicatorSearchBody, updateIndicatorBody } from '../../nodes/HuaweiSecMaster/domain/indicatorBody';
import { indicatorValue } from '../../nodes/HuaweiSecMaster/domain/indicatorValues';
import { InputError } from '../../nodes/HuaweiSecMaster/parameters/inputErrors';

/** The InputError `run` throws: its field and message. */
function refusal(run: () => unknown): { field: string; message: string } {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		const { field, message } = error as InputError;
		return { field, message };
	}
	throw new Error('accepted');
}

const accepts = (type: string, values: string[]) =>
	it.each(values)(`accepts %j as ${type}`, (value) => expect(indicatorValue(type, value)).toBe(value.trim()));

const refuses = (type: string, cases: Array<[string, string]>) =>
	it.each(cases)(`refuses %j as ${type}: %s`, (value, reason) => {
		expect(refusal(() => indicatorValue(type, value))).toEqual({ field: 'Value', message: expect.stringContaining(reason) });
	});

describe('IPv4', () => {
	accepts('IPv4', ['203.0.113.45', '0.0.0.0', '255.255.255.255', '10.0.0.1', ' 192.0.2.1\n']);
	refuses('IPv4', [
		['010.1.1.1', '"010" has a leading zero'],
		['1.2.3.00', '"00" has a leading zero'],
		['256.1.1.1', '256 is more than 255'],
		['1.2.3', 'four numbers'],
		['1.2.3.4.5', 'four numbers'],
		['1.2.3.', '"" is not a number'],
		['1.2.3.x', '"x" is not a number'],
		['+1.2.3.4', '"+1" is not a number'],
		['203.0.113.0/24', '"0/24" is not a number'],
		['1.2. 3.4', 'it contains whitespace'],
		['2001:db8::1', 'four numbers'],
	]);

	it('names the field and shows the value in the message', () => {
		expect(refusal(() => indicatorValue('IPv4', '300.1.1.1', 'Value'))).toEqual({
			field: 'Value',
			message: 'Value "300.1.1.1" is not an IPv4 address: 300 is more than 255',
		});
	});
});

describe('IPv6', () => {
	accepts('IPv6', [
		'2001:db8::1',
		'2001:DB8:0:0:0:0:0:1',
		'::',
		'::1',
		'fe80::',
		'1:2:3:4:5:6:7::',
		'::ffff:192.0.2.1',
		'1:2:3:4:5:6:192.0.2.1',
		'2001:0db8:85a3:0000:0000:8a2e:0370:7334',
	]);
	refuses('IPv6', [
		['1::2::3', '"::" may appear only once'],
		['1:2:3:4:5:6:7:8:9', 'it needs eight groups'],
		['1:2:3:4:5:6:7', 'it needs eight groups'],
		['1:2:3:4:5:6:7:8::', 'too many groups'],
		['12345::1', '"12345" is not a group'],
		['2001:db8::g', '"g" is not a group'],
		[':1:2:3:4:5:6:7', '"" is not a group'],
		['1:::2', '"" is not a group'],
		['fe80::1%eth0', 'zone index'],
		['2001:db8::/32', 'it is a network'],
		['::ffff:300.0.2.1', 'its IPv4 part 300 is more than 255'],
		['1.2.3.4::', 'an IPv4 part may only end the address'],
		['1:2:3:4:5:6:7:1.2.3.4', 'it needs eight groups'],
		['203.0.113.45', 'it needs eight groups'],
	]);
});

describe('domain names', () => {
	accepts('Domain', ['malicious.example.com', 'test.terraform.com', 'XN--80AK6AA92E.com', '_dmarc.example.org', 'a-b.c0.io']);
	refuses('Domain', [
		['localhost', 'at least two labels'],
		['example..com', 'empty label'],
		['example.com.', 'empty label'],
		['-bad.example.com', 'the label "-bad"'],
		['bad-.example.com', 'the label "bad-"'],
		['ex!ample.com', 'the label "ex!ample"'],
		['пример.рф', 'xn--'],
		[`${'a'.repeat(64)}.com`, 'longer than 63 characters'],
		['1.2.3.4', 'its last label is a number'],
		['http://example.com', 'the label "http://example"'],
	]);
});

describe('e-mail addresses', () => {
	accepts('Email', ['soc@example.com', 'first.last+tag@mail.example.org']);
	refuses('Email', [
		['soc.example.com', 'a name, "@" and a domain'],
		['@example.com', 'a name, "@" and a domain'],
		['soc@', 'a name, "@" and a domain'],
		['so..c@example.com', 'the part before "@"'],
		['soc@localhost', 'its domain: it needs at least two labels'],
		['s oc@example.com', 'it contains whitespace'],
	]);
});

describe('URLs', () => {
	accepts('URL', ['https://malicious.example.com/payload?x=1', 'malicious.example.com/payload', '/v1/test', 'ftp://192.0.2.1/file']);
	refuses('URL', [
		['https://', 'does not parse as a URL'],
		['http://exa mple.com', 'it contains whitespace'],
		[`https://example.com/${'a'.repeat(2048)}`, 'longer than 2,048 characters'],
	]);
});

describe('file hashes', () => {
	const hex = (n: number) => '0123456789abcdef'.repeat(8).slice(0, n);
	accepts('MD5', [hex(32), hex(32).toUpperCase(), `  ${hex(32)}\t`]);
	accepts('SHA1', [hex(40)]);
	accepts('SHA256', [hex(64), 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855']);
	accepts('SHA512', [hex(128)]);
	refuses('MD5', [
		[hex(31), 'it has 31 hexadecimal digits, not 32'],
		[hex(40), 'it has 40 hexadecimal digits, not 32'],
		[`${hex(31)}g`, '"g" is not a hexadecimal digit'],
		[`0x${hex(30)}`, '"x" is not a hexadecimal digit'],
	]);
	refuses('SHA1', [[hex(32), 'not 40']]);
	refuses('SHA256', [[hex(63), 'it has 63 hexadecimal digits, not 64']]);
	refuses('SHA512', [[hex(64), 'not 128']]);

	it('says which hash it expected', () => {
		expect(refusal(() => indicatorValue('SHA256', 'abc')).message).toBe('Value "abc" is not a SHA256 hash: it has 3 hexadecimal digits, not 64');
	});
});

describe('any type', () => {
	it('refuses an empty value, a control character and a value that is not text', () => {
		expect(refusal(() => indicatorValue('IPv4', ' \n '))).toEqual({ field: 'Value', message: 'Value is empty' });
		expect(refusal(() => indicatorValue('URL', 'a\u0000b')).message).toBe('Value "a\\u0000b" is not a URL: it contains a control character');
		expect(refusal(() => indicatorValue('IPv4', { ip: '1.2.3.4' })).message).toBe('Value must be text, not object');
	});

	it('takes a workspace\'s own type as any text without whitespace', () => {
		expect(indicatorValue('CVE', ' CVE-2024-3094 ')).toBe('CVE-2024-3094');
		expect(refusal(() => indicatorValue('CVE', 'CVE 2024')).message).toBe('Value "CVE 2024" is not a value of type CVE: it contains whitespace');
	});
});

// ---- bodies ------------------------------------------------------------------------------------

const SCOPE = { workspaceId: 'ws-1', projectId: 'p-1', regionId: 'cn-north-4' };
const FORM = {
	name: 'C2 server',
	type: 'IPv4',
	typeId: 'type-ipv4',
	value: ' 203.0.113.45 ',
	verdict: 'Black',
	granularity: '1',
	firstSeen: '2026-11-21T09:29:58.000+08:00',
	sourceType: '1',
	productName: 'hss',
	productFeature: 'hss',
};

describe('createIndicatorBody', () => {
	it('builds the SDK\'s CreateIndicatorDetail, times in UTC with the Z+0000 offset', () => {
		expect(createIndicatorBody({ ...FORM, confidence: 90, lastSeen: '2026-11-21T02:00:00Z', labels: 'c2' }, SCOPE)).toEqual({
			data_object: {
				name: 'C2 server',
				indicator_type: { indicator_type: 'IPv4', id: 'type-ipv4' },
				value: '203.0.113.45',
				verdict: 'Black',
				granular_marking: 1,
				confidence: 90,
				labels: 'c2',
				first_report_time: '2026-11-21T01:29:58.000Z+0000',
				last_report_time: '2026-11-21T02:00:00.000Z+0000',
				data_source: { source_type: 1, product_name: 'hss', product_feature: 'hss', project_id: 'p-1', region_id: 'cn-north-4' },
				environment: { project_id: 'p-1', region_id: 'cn-north-4' },
				defanged: false,
				workspace_id: 'ws-1',
			},
		});
	});

	it('sends a workspace\'s own type by its name', () => {
		const body = createIndicatorBody({ ...FORM, type: 'other', typeName: 'CVE', value: 'CVE-2024-3094' }, SCOPE);
		expect((body.data_object as { indicator_type: unknown }).indicator_type).toEqual({ indicator_type: 'CVE', id: 'type-ipv4' });
	});

	it.each([
		[{ type: 'IP' }, 'Type', 'Type must be one of Domain, Email, IPv4, IPv6, MD5, SHA1, SHA256, SHA512, URL, other; got "IP"'],
		[{ typeId: '' }, 'Type ID', 'Type ID is empty'],
		[{ type: 'other' }, 'Type Name', 'Type Name is empty'],
		[{ verdict: 'Red' }, 'Threat Degree', 'Threat Degree must be one of Black, Gray, White; got "Red"'],
		[{ granularity: 5 }, 'Granularity', 'Granularity must be one of 1, 2, 3, 4; got "5"'],
		[{ confidence: 50 }, 'Confidence', 'Confidence must be a whole number from 80 to 100; got 50'],
		[{ firstSeen: '' }, 'First Seen', 'First Seen is empty'],
		[{ firstSeen: 'yesterday' }, 'First Seen', 'First Seen must be an ISO 8601 date-time such as 2026-01-30T23:00:00Z; got "yesterday"'],
		[{ lastSeen: '2026-11-20T00:00:00Z' }, 'Last Seen', 'Last Seen (2026-11-20T00:00:00Z) is before First Seen (2026-11-21T09:29:58.000+08:00)'],
		[{ productName: ' ' }, 'Product Name', 'Product Name is empty'],
		[{ value: '203.0.113' }, 'Value', 'Value "203.0.113" is not an IPv4 address: it needs four numbers 0-255 separated by dots'],
	])('refuses %j', (change, field, message) => {
		expect(refusal(() => createIndicatorBody({ ...FORM, ...change }, SCOPE))).toEqual({ field, message });
	});
});

describe('updateIndicatorBody', () => {
	it('sends only the given fields', () => {
		expect(updateIndicatorBody({ verdict: 'Gray', status: 'Closed', confidence: 90 })).toEqual({
			data_object: { verdict: 'Gray', status: 'Closed', confidence: 90 },
		});
	});

	it('checks a new value against the type given with it', () => {
		expect(updateIndicatorBody({ type: 'URL', typeId: 't-url', value: '/v1/test' })).toEqual({
			data_object: { indicator_type: { indicator_type: 'URL', id: 't-url' }, value: '/v1/test' },
		});
		expect(refusal(() => updateIndicatorBody({ value: '1.2.3.4' })).field).toBe('Type');
		expect(refusal(() => updateIndicatorBody({ type: 'MD5', typeId: 't' })).field).toBe('Value');
		expect(refusal(() => updateIndicatorBody({ type: 'MD5', typeId: 't', value: 'abc' })).field).toBe('Value');
		expect(refusal(() => updateIndicatorBody({}))).toEqual({ field: 'Update Fields', message: 'Update Fields is empty: add the fields to change' });
	});
});

describe('indicatorSearchBody', () => {
	it('ANDs verdicts, statuses and free conditions; dates in the SDK\'s indicator form; no order', () => {
		expect(
			indicatorSearchBody({
				verdict: ['Black', 'Gray'],
				status: ['Open'],
				conditions: { condition: [{ field: 'value', operator: 'contains', value: '203.0.113' }] },
				fromDate: '2026-11-01T08:00:00+08:00',
				toDate: '2026-11-30T00:00:00Z',
			}),
		).toEqual({
			from_date: '2026-11-01T00:00:00.000Z+0000',
			to_date: '2026-11-30T00:00:00.000Z+0000',
			condition: {
				conditions: [
					{ name: 'condition_0', data: ['verdict', 'in', 'Black,Gray'] },
					{ name: 'condition_1', data: ['status', '=', 'Open'] },
					{ name: 'condition_2', data: ['value', 'contains', '203.0.113'] },
				],
				logics: ['condition_0', 'and', 'condition_1', 'and', 'condition_2'],
			},
		});
		expect(indicatorSearchBody({})).toEqual({});
		expect(indicatorSearchBody({ sortBy: 'update_time' })).toEqual({ sort_by: 'update_time' });
	});

	it('refuses a value outside the lists', () => {
		expect(refusal(() => indicatorSearchBody({ verdict: ['Red'] }))).toEqual({
			field: 'Threat Degree',
			message: 'Threat Degree must be one of Black, Gray, White; got "Red"',
		});
		expect(refusal(() => indicatorSearchBody({ sortBy: 'name' })).field).toBe('Sort By');
	});
});
