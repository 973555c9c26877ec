import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../helpers/engine';
import { TIMER_FORM } from '../helpers/forms';
import { credentialsFor, instanceWith, useSimulator, versionWith, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

const failed = instanceWith('FAILED');
const version = versionWith('EVENT');


function updateRule(form: object) {
	return { resource: 'playbookRule', operation: 'update', versionId: version.id, ruleId: version.rule_id, ...form };
}

const operate = (instanceId: unknown, operationType: unknown = 'RETRY') => ({
	resource: 'playbookInstance',
	operation: 'operate',
	instanceId,
	operationType,
});

describe('n8n itself refuses to start with an empty required parameter', () => {
	it.each([
		['Instance ID', operate('')],
		['Rule ID', updateRule({ ruleId: '', ...TIMER_FORM })],
		['Cron', updateRule({ ...TIMER_FORM, cron: '' })],
		['Repeat Range', updateRule({ ...TIMER_FORM, repeatRange: '' })],
		['Start Time', updateRule({ ...TIMER_FORM, startType: 'CUSTOM' })],
	])('%s', async (field, parameters) => {
		const { refusal, run } = await runNode({ parameters, credentials: credentialsFor(simulator) });
		expect(run).toBeUndefined();
		expect(refusal).toContain(`Parameter "${field}" is required`);
		expect(simulator.requests).toHaveLength(0);
	});
});

describe('bad parameters fail before any request, naming the field and the item', () => {
	it.each([
		['a whitespace Instance ID', operate('  \t '), 'Instance ID is empty [item 0]'],
		['an Instance ID expression giving nothing', operate('={{ $json.missing }}'), 'Instance ID is empty [item 0]'],
		['an Instance ID that is an object', operate('={{ $json }}'), 'Instance ID must be text, not object [item 0]'],
		[
			'an Operation Type outside the list',
			operate(failed.id, '={{ "REBOOT" }}'),
			'Operation Type must be one of RETRY, TERMINATE; got "REBOOT" [item 0]',
		],
		['an empty Version ID', updateRule({ versionId: ' ', ...TIMER_FORM }), 'Version ID is empty [item 0]'],
		['an event rule without conditions', updateRule({ triggerType: 'event' }), 'An event rule needs at least one condition [item 0]'],
		[
			'logics naming a missing condition',
			updateRule({ triggerType: 'event', conditions: { condition: [{ data: ['a, ==, 1'] }] }, logics: 'condition_0 OR condition_7' }),
			/^Logics names "condition_7", which is neither an operator .* \[item 0\]$/,
		],
		['a timer rule with a blank cron', updateRule({ ...TIMER_FORM, cron: '  ' }), 'Cron is required for a timer rule [item 0]'],
		[
			'a timer rule whose repeat range expression is empty',
			updateRule({ ...TIMER_FORM, repeatRange: '={{ "" }}' }),
			'Repeat Range is required for a timer rule [item 0]',
		],
		[
			'a custom start whose time expression is empty',
			updateRule({ ...TIMER_FORM, startType: 'CUSTOM', startTime: '={{ $json.nothing }}' }),
			'Start Time is required when Start Type is CUSTOM [item 0]',
		],
		[
			'a start time that is not ISO 8601',
			updateRule({ ...TIMER_FORM, startType: 'CUSTOM', startTime: '24/12/2026' }),
			/^Start Time must be an ISO 8601 date-time .*\[item 0\]$/,
		],
		[
			'an end before the start',
			updateRule({
				...TIMER_FORM,
				startType: 'CUSTOM',
				startTime: '2026-12-24T00:00:00',
				endType: 'CUSTOM',
				endTime: '2026-12-01T00:00:00',
			}),
			'End Time (2026-12-01T00:00:00) must be after Start Time (2026-12-24T00:00:00) [item 0]',
		],
		['malformed rule JSON', updateRule({ triggerType: 'json', ruleJson: '{"logics": [' }), /^Rule \(JSON\) is not valid JSON: .*\[item 0\]$/],
		['an Instance ID of ".."', operate('..'), 'Instance ID ".." is not an ID [item 0]'],
		['a Rule ID of "."', updateRule({ ...TIMER_FORM, ruleId: '.' }), 'Rule ID "." is not an ID [item 0]'],
		['a rule JSON array', updateRule({ triggerType: 'json', ruleJson: '[1, 2]' }), /^Rule \(JSON\) must be a JSON object .*\[item 0\]$/],
	])('%s', async (_case, parameters, message) => {
		const { error } = await runNode({ parameters, credentials: credentialsFor(simulator) });
		// In stop mode n8n's RoutingNode re-wraps any error a preSend throws in a
		// NodeApiError (without an HTTP code); message and description are ours.
		expect(['NodeOperationError', 'NodeApiError']).toContain(error?.name);
		expect(error!.description).toMatch(/no request was sent for this item/);
		expect(error!.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(error!.context).toMatchObject({ itemIndex: 0 });
		expect(simulator.requests).toHaveLength(0);
	});

	it('names the item that is wrong', async () => {
		const { items } = await runNode({
			parameters: operate('={{ $json.id }}'),
			items: [{ id: '' }, { id: '' }, { id: '  ' }],
			credentials: credentialsFor(simulator),
			continueOnFail: true,
		});
		expect(items!.map((item) => item.json.error)).toEqual([
			'Instance ID is empty [item 0]',
			'Instance ID is empty [item 1]',
			'Instance ID is empty [item 2]',
		]);
		expect(simulator.requests).toHaveLength(0);
	});

	it('refuses a credential without a Project ID', async () => {
		const { error } = await runNode({
			parameters: operate(failed.id),
			credentials: credentialsFor(simulator, { projectId: ' ' }),
		});
		expect(error!.message).toBe('The credential has no Project ID [item 0]');
		expect(simulator.requests).toHaveLength(0);
	});
});

// IDs a workflow gives that could leave their path segment are refused before
// any request (test/node/badInput.test.ts); every segment is still encoded, so
// that what is let through, or what comes from SecMaster itself, stays in place.
describe('path IDs never leave their segment', () => {
	it.each([
		['实例-1', '%E5%AE%9E%E4%BE%8B-1'],
		['a:b@c', 'a%3Ab%40c'],
		['v1.2~x', 'v1.2~x'],
	])('instance ID %s → %s', async (id, encoded) => {
		const { error } = await runNode({ parameters: operate(id), credentials: credentialsFor(simulator) });
		expect(simulator.requests).toHaveLength(1);
		expect(simulator.requests[0].path).toBe(`${WS_PATH}/soc/playbooks/instances/${encoded}/operation`);
		// The simulator decodes the segment back to the ID and does not know it.
		expect(error!.message).toMatch(/^SecMaster\.20040404: /);
	});

	it.each(['a/b', '../x', 'a?b=1', 'a#frag', '%2F'])('refuses instance ID %s instead of encoding it', async (id) => {
		const { error } = await runNode({ parameters: operate(id), credentials: credentialsFor(simulator) });
		expect(error!.message).toMatch(/^Instance ID ".*" is not an ID: it contains "[/?#%]" \[item 0\]$/);
		expect(simulator.requests).toHaveLength(0);
	});

	it('encodes a rule ID that SecMaster itself returns (Use the Version\'s Rule)', async () => {
		((simulator.state.versions as IDataObject)[version.id] as IDataObject).rule_id = '../r?x#y';
		const { error } = await runNode({
			parameters: { resource: 'playbookRule', operation: 'get', versionId: version.id, useVersionRule: true },
			credentials: credentialsFor(simulator),
		});
		expect(simulator.requests.map((request) => request.path)).toEqual([
			`${WS_PATH}/soc/playbooks/versions/${version.id}`,
			`${WS_PATH}/soc/playbooks/versions/${version.id}/rules/..%2Fr%3Fx%23y`,
		]);
		expect(error!.message).toMatch(/^SecMaster\.20048004: /);
	});
});
