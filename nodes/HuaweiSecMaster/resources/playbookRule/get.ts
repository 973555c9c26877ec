import type { INodePropertyOptions } from 'n8n-workflow';

import { ruleResponse } from '../../domain/records';
import { singleRequest } from '../../transport/routing';

// Its fields (which rule) are the rule operations' shared ones: ruleForm.ts.
export const option: INodePropertyOptions = {
	name: 'Get Rule',
	value: 'get',
	action: 'Get a playbook rule',
	description: 'Get the trigger rule of a playbook version',
	routing: singleRequest('GET', '/soc/playbooks/versions/{versionId}/rules/{ruleId}', {
		postReceive: [ruleResponse],
	}),
};
