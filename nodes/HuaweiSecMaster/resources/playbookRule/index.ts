import type { INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../shared/descriptions';
import { throwOnApiError } from '../../shared/errors';
import { ruleResponse } from '../../shared/records';
import { resolveWorkspaceUrl } from '../../shared/transport';
import { buildRuleBody } from './buildRuleBody';
import { simplifyRuleResponse } from './simplifyRuleResponse';
import { updateDescription } from './update';

const showOnlyForPlaybookRules = {
	resource: ['playbookRule'],
};

const ONE_RULE = '/soc/playbooks/versions/{versionId}/rules/{ruleId}';

export const playbookRuleDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPlaybookRules },
		options: [
			{
				name: 'Create Rule',
				value: 'create',
				action: 'Create a playbook rule',
				description: 'Create the trigger rule of a playbook version',
				routing: {
					request: { method: 'POST', url: '/soc/playbooks/versions/{versionId}/rules' },
					send: { preSend: [resolveWorkspaceUrl, buildRuleBody] },
					output: { postReceive: [throwOnApiError, ruleResponse] },
				},
			},
			{
				name: 'Delete Rule',
				value: 'delete',
				action: 'Delete a playbook rule',
				description: 'Delete the trigger rule of a playbook version',
				routing: {
					request: { method: 'DELETE', url: ONE_RULE },
					send: { preSend: [resolveWorkspaceUrl] },
					output: { postReceive: [throwOnApiError, ruleResponse] },
				},
			},
			{
				name: 'Get Rule',
				value: 'get',
				action: 'Get a playbook rule',
				description: 'Get the trigger rule of a playbook version',
				routing: {
					request: { method: 'GET', url: ONE_RULE },
					send: { preSend: [resolveWorkspaceUrl] },
					output: { postReceive: [throwOnApiError, ruleResponse] },
				},
			},
			{
				name: 'Update Rule',
				value: 'update',
				action: 'Update a playbook rule',
				description: 'Replace the trigger rule of a playbook version',
				routing: {
					request: { method: 'PUT', url: ONE_RULE },
					send: { preSend: [resolveWorkspaceUrl, buildRuleBody] },
					output: { postReceive: [throwOnApiError, simplifyRuleResponse] },
				},
			},
		],
		default: 'update',
	},
	...updateDescription,
	simplifyOption({ resource: ['playbookRule'], operation: ['get', 'create', 'delete'] }),
];
