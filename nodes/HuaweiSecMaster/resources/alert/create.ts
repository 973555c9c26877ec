import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { createAlertBody } from '../../domain/alertBody';
import { forEachItem, type OperationRun, sendChecked } from '../../transport/checkedEngine';
import type { ItemContext } from '../../parameters/itemContext';
import { simplifyOption } from '../../parameters/fields';
import { itemScope, type WorkspaceScope } from '../../transport/scope';
import { alertsUrl, guard } from './alertWrite';
import { alertWriteFields } from './writeFields';

const show = { resource: ['alert'], operation: ['create'] };

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create an alert',
	description: 'Create an alert, e.g. to bring another tool\'s alert into SecMaster',
};

const [severity] = alertWriteFields(['severity']);

export const fields: INodeProperties[] = [
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', displayOptions: { show } },
	{ ...severity, required: true, default: 'Medium', displayOptions: { show } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: ([
			...alertWriteFields([
				'closeComment',
				'closeReason',
				'description',
				'firstObservedTime',
				'handleStatus',
				'ipdrrPhase',
				'labels',
				'lastObservedTime',
				'owner',
				'verificationState',
			]),
			{ displayName: 'Alert Category', name: 'category', type: 'string', default: '', placeholder: 'DDoS', description: 'The alert type\'s category (alert_type.category)' },
			{ displayName: 'Alert Type', name: 'alertType', type: 'string', default: '', placeholder: 'ACK Flood', description: 'The alert type within the category (alert_type.alert_type)' },
			{ displayName: 'Product Name', name: 'productName', type: 'string', default: '', description: 'The tool the alert comes from (data_source.product_name)' },
			{ displayName: 'Product Feature', name: 'productFeature', type: 'string', default: '', description: 'The feature of that tool (data_source.product_feature)' },
			{ displayName: 'Source Type', name: 'sourceType', type: 'number', default: 1, description: 'The data source type, a number (data_source.source_type)' },
			{
				displayName: 'Other Fields (JSON)',
				name: 'otherFields',
				type: 'json',
				default: '{}',
				description: 'More data_object fields, e.g. {"confidence": 80, "network_list": […]}; the fields above win',
			},
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	simplifyOption(show),
];

interface CreatePlan {
	scope: WorkspaceScope;
	body: IDataObject;
}

function check(item: ItemContext, run: OperationRun): CreatePlan {
	const scope = itemScope(item, run.credentials);
	const more = (item.getNodeParameter('additionalFields', {}) ?? {}) as IDataObject;
	const body = guard(item, () =>
		createAlertBody({
			title: item.getNodeParameter('title', ''),
			severity: item.getNodeParameter('severity', ''),
			fields: more,
			alertType: { category: more.category, alertType: more.alertType },
			dataSource: { productName: more.productName, productFeature: more.productFeature, sourceType: more.sourceType },
			otherFields: more.otherFields,
		}),
	);
	return { scope, body };
}

/** Create one alert; the output is the alert SecMaster made (as Get gives it), or its whole answer. */
async function send(item: ItemContext, run: OperationRun, { scope, body }: CreatePlan): Promise<IDataObject> {
	// A POST that creates: after an unclear failure it is not sent again (a second alert), and no
	// look-up can tell whether the first one arrived, alerts having no key of the caller's.
	const response = await sendChecked(item, run, 'unsafe', { method: 'POST', baseURL: scope.baseUrl, url: alertsUrl(scope), body });
	const answer = response.body as IDataObject;
	return item.getNodeParameter('simplify', true) === false ? answer : ((answer.data ?? {}) as IDataObject);
}

export const execute = forEachItem({ check, send });
