import type { INodeProperties } from 'n8n-workflow';

import { throwOnApiError } from '../../shared/errors';
import { resolveWorkspaceUrl } from '../../shared/transport';
import { buildRuleBody } from './buildRuleBody';
import { simplifyRuleResponse } from './simplifyRuleResponse';
import { updateDescription } from './update';

const showOnlyForPlaybookRules = {
	resource: ['playbookRule'],
};

export const playbookRuleDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPlaybookRules },
		options: [
			{
				name: 'Update Rule',
				value: 'update',
				action: 'Update a playbook rule',
				description: 'Replace the trigger rule of a playbook version',
				routing: {
					request: {
						method: 'PUT',
						url: '/soc/playbooks/versions/{versionId}/rules/{ruleId}',
					},
					send: { preSend: [resolveWorkspaceUrl, buildRuleBody] },
					output: { postReceive: [throwOnApiError, simplifyRuleResponse] },
				},
			},
		],
		default: 'update',
	},
	...updateDescription,
];
