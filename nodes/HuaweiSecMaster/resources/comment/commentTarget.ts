import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { versionedId } from '../../parameters/locators';
import type { ItemContext } from '../../parameters/itemContext';
import { requireChoice, requireId } from '../../parameters/readParameters';

// A comment belongs to an alert or an incident: SecMaster's note names it in war_room_id ("the
// ID of the commented object" in the SDK's CreateNote and ListNotes bodies).

const OPERATIONS = ['add', 'getAll'];

function targetId(name: 'alertId' | 'incidentId', target: string, searchListMethod: 'searchAlerts' | 'searchIncidents'): INodeProperties[] {
	const displayName = target === 'alert' ? 'Alert ID' : 'Incident ID';
	return versionedId(
		{
			displayName,
			name,
			type: 'string',
			required: true,
			default: '',
			description: `The ID of the ${target} the comments belong to`,
			displayOptions: { show: { resource: ['comment'], operation: OPERATIONS, targetType: [target] } },
		},
		searchListMethod,
	);
}

/** Target and its ID, shown first for both operations. */
export const commentTargetFields: INodeProperties[] = [
	{
		displayName: 'Target',
		name: 'targetType',
		type: 'options',
		noDataExpression: true,
		default: 'incident',
		description: 'What the comments belong to',
		options: [
			{ name: 'Alert', value: 'alert' },
			{ name: 'Incident', value: 'incident' },
		],
		displayOptions: { show: { resource: ['comment'], operation: OPERATIONS } },
	},
	...targetId('alertId', 'alert', 'searchAlerts'),
	...targetId('incidentId', 'incident', 'searchIncidents'),
];

/** The ID of the alert or incident the item's comment belongs to (its war_room_id), checked. */
export function warRoomId(item: ItemContext): string {
	const target = requireChoice(item, 'targetType', 'Target', ['alert', 'incident']);
	return target === 'alert' ? requireId(item, 'alertId', 'Alert ID') : requireId(item, 'incidentId', 'Incident ID');
}

/** Get Many Comments: the target into the search body. */
export async function warRoomFilter(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	requestOptions.body = { ...((requestOptions.body as object) ?? {}), war_room_id: warRoomId(this) };
	return requestOptions;
}
