import { NodeConnectionTypes, type INodeProperties, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { listSearch } from './listSearch';

import { alertCustomOperations, alertDescription } from './resources/alert';
import { commentCustomOperations, commentDescription } from './resources/comment';
import { incidentCustomOperations, incidentDescription } from './resources/incident';
import { indicatorCustomOperations, indicatorDescription } from './resources/indicator';
import { playbookDescription } from './resources/playbook';
import { playbookInstanceCustomOperations, playbookInstanceDescription } from './resources/playbookInstance';
import { playbookRuleCustomOperations, playbookRuleDescription } from './resources/playbookRule';
import { playbookVersionDescription } from './resources/playbookVersion';
import { workflowCustomOperations, workflowDescription } from './resources/workflow';
import { workflowInstanceCustomOperations, workflowInstanceDescription } from './resources/workflowInstance';
import { workspaceDescription } from './resources/workspace';
import { CALL_OPTIONS } from './transport/callOptions';
import { optionsDescription } from './parameters/nodeOptions';
import { knownOperation } from './parameters/validators';

const RESOURCES: Record<string, INodeProperties[]> = {
	alert: alertDescription,
	comment: commentDescription,
	incident: incidentDescription,
	indicator: indicatorDescription,
	playbook: playbookDescription,
	playbookInstance: playbookInstanceDescription,
	playbookRule: playbookRuleDescription,
	playbookVersion: playbookVersionDescription,
	workflow: workflowDescription,
	workflowInstance: workflowInstanceDescription,
	workspace: workspaceDescription,
};

/** Each resource's operation values, for the check that the node routes by known ones. */
const OPERATIONS = Object.fromEntries(
	Object.entries(RESOURCES).map(([resource, properties]) => [
		resource,
		(properties.find((property) => property.name === 'operation')?.options ?? []).map((option) =>
			String((option as { value: unknown }).value),
		),
	]),
);

export class HuaweiSecMaster implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei SecMaster',
		name: 'huaweiSecMaster',
		icon: { light: 'file:huaweiSecMaster.svg', dark: 'file:huaweiSecMaster.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Retry or terminate Huawei Cloud SecMaster playbook instances, run workflows and wait for them, manage playbook rules, and look up playbooks, versions, instances and alerts',
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
			// SecMaster's own code, message and request ID are read by throwOnApiError.
			...CALL_OPTIONS,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Alert', value: 'alert' },
					{ name: 'Comment', value: 'comment' },
					{ name: 'Incident', value: 'incident' },
					{ name: 'Indicator', value: 'indicator' },
					{ name: 'Playbook', value: 'playbook' },
					{ name: 'Playbook Instance', value: 'playbookInstance' },
					{ name: 'Playbook Rule', value: 'playbookRule' },
					{ name: 'Playbook Version', value: 'playbookVersion' },
					{ name: 'Workflow', value: 'workflow' },
					{ name: 'Workflow Instance', value: 'workflowInstance' },
					{ name: 'Workspace', value: 'workspace' },
				],
				default: 'playbookInstance',
				routing: { send: { preSend: [knownOperation(OPERATIONS)] } },
			},
			...alertDescription,
			...commentDescription,
			...incidentDescription,
			...indicatorDescription,
			...playbookDescription,
			...playbookInstanceDescription,
			...playbookRuleDescription,
			...playbookVersionDescription,
			...workflowDescription,
			...workflowInstanceDescription,
			...workspaceDescription,
			...optionsDescription,
		],
	};

	methods = { listSearch };

	// Every operation that changes something in SecMaster: each item is checked before any is
	// sent (shared/customOperation.ts). Only reads are routed declaratively.
	customOperations = {
		alert: alertCustomOperations,
		comment: commentCustomOperations,
		incident: incidentCustomOperations,
		indicator: indicatorCustomOperations,
		playbookInstance: playbookInstanceCustomOperations,
		playbookRule: playbookRuleCustomOperations,
		workflow: workflowCustomOperations,
		workflowInstance: workflowInstanceCustomOperations,
	};
}
