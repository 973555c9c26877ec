import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { simplifyIndicator } from '../../domain/indicatorBody';
import { simplifyOption } from '../../parameters/fields';
import { singleRequest } from '../../transport/routing';
import { indicatorIdField } from './fields';

const show = { resource: ['indicator'], operation: ['get'] };

/** `{code, message, data: IndicatorDetail}` → the indicator (or the whole response when Simplify is off). */
async function indicatorRecord(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('simplify', true) === false) return items;
	const data = (response.body as IDataObject).data;
	return [{ json: simplifyIndicator(data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {}) }];
}

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get an indicator',
	description: 'Get one indicator by ID',
	routing: singleRequest('GET', '/soc/indicators/{indicatorId}', { postReceive: [indicatorRecord] }),
};

export const fields: INodeProperties[] = [...indicatorIdField(show), simplifyOption(show)];
