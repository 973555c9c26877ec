// Form values several tests fill the node with.

/** The request body of Huawei's "Updating a Playbook Rule" example, byte for byte. */
export const SEED_RULE_BODY =
	'{"rule":{"expression_type":"common","conditions":[{"name":"condition_0","detail":"123","data":["handle_status, ==, Open"]}],"logics":["condition_0"]}}';

/** Update Rule's event form holding the seed example. */
export const SEED_EVENT_FORM = {
	triggerType: 'event',
	expressionType: 'common',
	conditions: { condition: [{ name: 'condition_0', detail: '123', data: ['handle_status, ==, Open'] }] },
	logics: 'condition_0',
};

/** A complete timer form: every field Huawei marks mandatory for timer-triggered playbooks. */
export const TIMER_FORM = {
	triggerType: 'timer',
	cron: '0 0 3 * * ?',
	scheduleType: 'day',
	startType: 'IMMEDIATELY',
	endType: 'FOREVER',
	repeatRange: '2026-12-01T03:00:00Z+0800',
	onlyOnce: false,
	executionType: 'SERIAL_WAIT',
};
