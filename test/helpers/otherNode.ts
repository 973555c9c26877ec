import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

/** A node of another package that uses the SecMaster credential (as n8n's HTTP Request node does): only its execute differs. */
export function otherNode(execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>): INodeType {
	return {
		description: {
			displayName: 'Another node',
			name: 'otherNode',
			group: ['transform'],
			version: 1,
			description: 'Sends one request with the SecMaster credential',
			defaults: { name: 'SecMaster' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'huaweiSecMasterApi', required: true }],
			properties: [],
		},
		execute,
	};
}
