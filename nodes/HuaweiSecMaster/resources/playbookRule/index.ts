import type { INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../parameters/fields';
import { ruleResponse } from '../../domain/records';
import { singleRequest } from '../../transport/routing';
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
				name: 'Create Rule',
				value: 'create',
				action: 'Create a playbook rule',
				description: 'Create the trigger rule of a playbook version',
				// Sent by the custom operation executeCreate, not by routing: it changes SecMaster.
			},
			{
				name: 'Delete Rule',
				value: 'delete',
				action: 'Delete a playbook rule',
				description: 'Delete the trigger rule of a playbook version',
				// Sent by the custom operation executeDelete, not by routing: it changes SecMaster.
			},
			{
				name: 'Get Rule',
				value: 'get',
				action: 'Get a playbook rule',
				description: 'Get the trigger rule of a playbook version',
				routing: singleRequest('GET', '/soc/playbooks/versions/{versionId}/rules/{ruleId}', {
					postReceive: [ruleResponse],
				}),
			},
			{
				name: 'Update Rule',
				value: 'update',
				action: 'Update a playbook rule',
				description: 'Replace the trigger rule of a playbook version',
				// Sent by the custom operation executeUpdate, not by routing: it changes SecMaster.
			},
		],
		default: 'update',
	},
	...updateDescription,
	simplifyOption({ resource: ['playbookRule'], operation: ['get', 'create', 'update', 'delete'] }),
];
