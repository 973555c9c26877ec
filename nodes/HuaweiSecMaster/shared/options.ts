import type { INodeProperties } from 'n8n-workflow';

/** Options every operation offers, in the collection named `options`. */
export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Send Rule As',
			name: 'sendRuleAs',
			type: 'options',
			default: 'object',
			options: [
				{
					name: 'Object',
					value: 'object',
					description: 'As Huawei\'s API reference and SDKs send it: {"rule": {…}}',
				},
				{
					name: 'JSON String',
					value: 'string',
					description:
						'JSON-encoded, as Huawei\'s Terraform provider sends it: {"rule": "{…}"}. Try this if SecMaster rejects the object form.',
				},
			],
			description: 'How the rule goes into the request body',
			displayOptions: { show: { '/resource': ['playbookRule'], '/operation': ['create', 'update'] } },
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			description:
				'Work in this workspace instead of the credential\'s, so one credential can serve several workspaces',
			displayOptions: { hide: { '/resource': ['workspace'] } },
		},
	],
};
