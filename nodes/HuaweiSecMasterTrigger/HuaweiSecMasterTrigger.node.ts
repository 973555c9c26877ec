import {
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { pollEvents } from './shared/poll';

export class HuaweiSecMasterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei SecMaster Trigger',
		name: 'huaweiSecMasterTrigger',
		icon: { light: 'file:huaweiSecMaster.svg', dark: 'file:huaweiSecMaster.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"newAlert": "New Alert", "newIncident": "New Incident", "statusChanged": "Status Changed", "instanceStatus": "Playbook Instance Status", "workflowInstanceStatus": "Workflow Instance Status"}[$parameter["event"]] }}',
		description:
			'Starts the workflow on a new SecMaster alert or incident, when one is closed or reopened, or when a playbook or workflow run fails, finishes or is terminated',
		defaults: {
			name: 'Huawei SecMaster Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiSecMasterApi', required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents(this);
	}
}
