import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { playbookInstanceDescription } from './resources/playbookInstance';
import { playbookRuleDescription } from './resources/playbookRule';
import { optionsDescription } from './shared/options';

export class HuaweiSecMaster implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei SecMaster',
		name: 'huaweiSecMaster',
		icon: { light: 'file:huaweiSecMaster.svg', dark: 'file:huaweiSecMaster.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ operate: "Operate Instance", update: "Update Rule" })[$parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Retry or terminate Huawei Cloud SecMaster playbook instances and update playbook rules',
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
					{ name: 'Playbook Instance', value: 'playbookInstance' },
					{ name: 'Playbook Rule', value: 'playbookRule' },
				],
				default: 'playbookInstance',
			},
			...playbookInstanceDescription,
			...playbookRuleDescription,
			optionsDescription,
		],
	};
}
