/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node beside n8n, not inside it */
// Property-based: whatever a workflow feeds the parameters, the node ends in a
// typed n8n error or a result, never a crash or an unhandled rejection: not even
// one handled later, which Jest forgives but Node reports (test/helpers/rejections.ts).
import fc from 'fast-check';

import { runNode } from '../helpers/engine';
import { takeUnhandledRejections } from '../helpers/rejections';
import { credentialsFor, useSimulator, versionWith } from '../helpers/simulator';

const simulator = useSimulator();

const TYPED = new Set(['NodeApiError', 'NodeOperationError', 'ExpressionError']);

const anyValue = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.constantFrom('', ' ', '..', '.', '/', '%2F', '?#', 'a\u0000b', '\n', 'RETRY', 'TERMINATE', '{}', '[]', 'null'),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.string(), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

async function outcome(parameters: Record<string, unknown>, item: Record<string, unknown>) {
	simulator.reset();
	const result = await runNode({ parameters, items: [item], credentials: credentialsFor(simulator), typeVersion: 1 });
	// One turn of the event loop: Node reports a rejection left unhandled after the microtasks ran.
	await new Promise((resolve) => setImmediate(resolve));
	expect(takeUnhandledRejections()).toEqual([]);
	if (result.error) {
		expect(TYPED).toContain(result.error.name);
		expect(String(result.error.message)).not.toBe('');
		// A JavaScript crash dressed up as an n8n error is still a crash.
		expect(String(result.error.message)).not.toMatch(/Cannot read propert|is not a function|is not iterable|undefined is not/);
	} else {
		expect(result.items).toHaveLength(1);
	}
}

describe('fuzzing parameter values (fast-check, fixed seed)', () => {
	it('Operate Instance: any instance ID and operation type', async () => {
		await fc.assert(
			fc.asyncProperty(anyValue, anyValue, async (instanceId, operationType) =>
				outcome(
					{ resource: 'playbookInstance', operation: 'operate', instanceId: '={{ $json.id }}', operationType: '={{ $json.op }}' },
					{ id: instanceId, op: operationType },
				),
			),
			{ numRuns: 150, seed: 20261123 },
		);
	});

	it('Update Rule: any rule JSON, logics and condition data', async () => {
		const version = versionWith('EVENT');
		await fc.assert(
			fc.asyncProperty(anyValue, anyValue, anyValue, async (ruleJson, logics, data) => {
				await outcome(
					{ resource: 'playbookRule', operation: 'update', versionId: version.id, ruleId: version.rule_id, triggerType: 'json', ruleJson: '={{ $json.rule }}' },
					{ rule: ruleJson },
				);
				await outcome(
					{
						resource: 'playbookRule',
						operation: 'update',
						versionId: version.id,
						ruleId: version.rule_id,
						triggerType: 'event',
						conditions: { condition: [{ name: 'condition_0', data: '={{ $json.data }}' }] },
						logics: '={{ $json.logics }}',
					},
					{ data, logics },
				);
			}),
			{ numRuns: 100, seed: 20261123 },
		);
	});
});
