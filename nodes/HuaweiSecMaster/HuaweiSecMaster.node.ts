import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { listSearch } from './listSearch';

import { alertDescription } from './resources/alert';
import { playbookDescription } from './resources/playbook';
import { playbookInstanceDescription } from './resources/playbookInstance';
import { playbookRuleDescription } from './resources/playbookRule';
import { playbookVersionDescription } from './resources/playbookVersion';
import { workspaceDescription } from './resources/workspace';
import { optionsDescription } from './shared/options';

export class HuaweiSecMaster implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei SecMaster',
		name: 'huaweiSecMaster',
		icon: { light: 'file:huaweiSecMaster.svg', dark: 'file:huaweiSecMaster.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Retry or terminate Huawei Cloud SecMaster playbook instances, manage playbook rules, and look up playbooks, versions, instances and alerts',
		defaults: {
			name: 'Huawei SecMaster',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiSecMasterApi', required: true }],
		requestDefaults: {
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json;charset=UTF-8',
			},
			json: true,
			// SecMaster's own code, message and request ID are read by throwOnApiError.
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Alert', value: 'alert' },
					{ name: 'Playbook', value: 'playbook' },
					{ name: 'Playbook Instance', value: 'playbookInstance' },
					{ name: 'Playbook Rule', value: 'playbookRule' },
					{ name: 'Playbook Version', value: 'playbookVersion' },
					{ name: 'Workspace', value: 'workspace' },
				],
				default: 'playbookInstance',
			},
			...alertDescription,
			...playbookDescription,
			...playbookInstanceDescription,
			...playbookRuleDescription,
			...playbookVersionDescription,
			...workspaceDescription,
			...optionsDescription,
		],
	};

	methods = { listSearch };
}
