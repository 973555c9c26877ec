import type { INodeProperties } from 'n8n-workflow';

import { asLocator, onVersion } from './locators';

/** Options every operation offers, in the collection named `options`. */
const optionsV1: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 4,
			description:
				'How often to try one item\'s request in all. Throttled requests are tried again; reads and rule updates also when SecMaster is unavailable; Retry/Terminate only after checking the first attempt did not take effect.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description: 'The longest total wait between the attempts of one item\'s request',
		},
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

/** Version 2: the workspace override picked from a list. */
const optionsV2: INodeProperties = {
	...optionsV1,
	options: (optionsV1.options as INodeProperties[]).map((option) =>
		option.name === 'workspaceId'
			? {
					...asLocator(option, 'searchWorkspaces', '3a6f1d51-35b2-4e96-8f19-39606cbe5d1a'),
					displayName: 'Workspace',
				}
			: option,
	),
};

export const optionsDescription: INodeProperties[] = [onVersion(1, optionsV1), onVersion(2, optionsV2)];
