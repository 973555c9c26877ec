import { SEED_EVENT_FORM, SEED_RULE_BODY, TIMER_FORM } from '../helpers/forms';
import { runNode } from '../helpers/engine';
import { credentialsFor, PROJECT_ID, useSimulator, versionWith, WS_PATH } from '../helpers/simulator';

const simulator = useSimulator();

const eventVersion = versionWith('EVENT');
const timerVersion = versionWith('TIMER');

function update(version: { id: string; rule_id: string }, form: object) {
	return { resource: 'playbookRule', operation: 'update', versionId: version.id, ruleId: version.rule_id, ...form };
}


describe('Update Rule', () => {
	it('puts the seed example on the wire when the form holds it', async () => {
		const { items, error } = await runNode({
			parameters: update(eventVersion, SEED_EVENT_FORM),
			credentials: credentialsFor(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('PUT');
		expect(request.path).toBe(`${WS_PATH}/soc/playbooks/versions/${eventVersion.id}/rules/${eventVersion.rule_id}`);
		expect(request.body).toBe(SEED_RULE_BODY);
		expect(request.headers['content-type']).toBe('application/json;charset=UTF-8');

		expect(items).toHaveLength(1);
		expect(items![0].json).toEqual({
			id: eventVersion.rule_id,
			project_id: PROJECT_ID,
			rule: JSON.parse(SEED_RULE_BODY).rule,
			rule_raw: JSON.stringify(JSON.parse(SEED_RULE_BODY).rule),
			code: 0,
			message: expect.any(String),
		});
	});

	it('sends separate data items and the default logics for several conditions', async () => {
		await runNode({
			parameters: update(eventVersion, {
				triggerType: 'event',
				conditions: {
					condition: [
						{ name: 'level', data: ['waf.alarm.level', '>', '3'] },
						{ detail: 'open ones', data: ['handle_status, ==, Open'] },
					],
				},
			}),
			credentials: credentialsFor(simulator),
		});
		expect(simulator.requests[0].json).toEqual({
			rule: {
				expression_type: 'common',
				conditions: [
					{ name: 'level', data: ['waf.alarm.level', '>', '3'] },
					{ name: 'condition_1', detail: 'open ones', data: ['handle_status, ==, Open'] },
				],
				logics: ['level', 'AND', 'condition_1'],
			},
		});
	});

	it('sends an operator item written as an expression (a fixed "==" would be read as one)', async () => {
		await runNode({
			parameters: update(eventVersion, {
				triggerType: 'event',
				conditions: { condition: [{ name: 'c', data: ['handle_status', '={{ "==" }}', 'Open'] }] },
			}),
			credentials: credentialsFor(simulator),
		});
		expect((simulator.requests[0].json!.rule as { conditions: unknown }).conditions).toEqual([
			{ name: 'c', data: ['handle_status', '==', 'Open'] },
		]);
	});

	it('sends a timer rule with every mandatory field, and the stored rule comes back parsed', async () => {
		const { items, error } = await runNode({
			parameters: update(timerVersion, TIMER_FORM),
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		const expected = {
			cron: '0 0 3 * * ?',
			schedule_type: 'day',
			start_type: 'IMMEDIATELY',
			end_type: 'FOREVER',
			repeat_range: '2026-12-01T03:00:00Z+0800',
			only_once: false,
			execution_type: 'SERIAL_WAIT',
		};
		expect(simulator.requests[0].body).toBe(JSON.stringify({ rule: expected }));
		expect(items![0].json.rule).toEqual(expected);
		expect(simulator.state.rules[timerVersion.rule_id].rule).toEqual(expected);
	});

	it('adds custom start and end times', async () => {
		await runNode({
			parameters: update(timerVersion, {
				...TIMER_FORM,
				startType: 'CUSTOM',
				startTime: '2026-12-01T00:00:00',
				endType: 'CUSTOM',
				endTime: '2026-12-24T00:00:00',
				onlyOnce: true,
			}),
			credentials: credentialsFor(simulator),
		});
		expect(simulator.requests[0].json!.rule).toMatchObject({
			start_type: 'CUSTOM',
			start_time: '2026-12-01T00:00:00',
			end_type: 'CUSTOM',
			end_time: '2026-12-24T00:00:00',
			only_once: true,
		});
	});

	it('sends the JSON form as given, from text or from an expression', async () => {
		const rule = '{"logics":["condition_0"],"expression_type":"common","conditions":[{"name":"condition_0","data":["x, ==, 1"]}]}';
		await runNode({
			parameters: update(eventVersion, { triggerType: 'json', ruleJson: rule }),
			credentials: credentialsFor(simulator),
		});
		await runNode({
			parameters: update(eventVersion, { triggerType: 'json', ruleJson: '={{ $json.rule }}' }),
			items: [{ rule: JSON.parse(rule) }],
			credentials: credentialsFor(simulator),
		});
		expect(simulator.requests.map((request) => request.body)).toEqual([`{"rule":${rule}}`, `{"rule":${rule}}`]);
	});

	it('sends the rule as a JSON string when the option asks for it', async () => {
		const { items, error } = await runNode({
			parameters: update(timerVersion, { ...TIMER_FORM, options: { sendRuleAs: 'string' } }),
			credentials: credentialsFor(simulator),
		});
		expect(error).toBeUndefined();
		const sent = simulator.requests[0].json!;
		expect(typeof sent.rule).toBe('string');
		expect(JSON.parse(sent.rule as string)).toMatchObject({ cron: '0 0 3 * * ?' });
		expect(items![0].json.rule).toMatchObject({ cron: '0 0 3 * * ?' });
	});
});
