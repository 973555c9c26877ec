import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { simplifyNote } from '../../domain/records';
import { simplifyOption } from '../../parameters/fields';
import type { ItemContext } from '../../parameters/itemContext';
import { requireText } from '../../parameters/readParameters';
import { forEachItem, type OperationRun, type SecMasterRequest, sendChecked } from '../../transport/checkedEngine';
import { itemScope } from '../../transport/scope';
import { workspacePath } from '../../transport/url';
import { warRoomId } from './commentTarget';

const show = { resource: ['comment'], operation: ['add'] };

/**
 * The note's `type`, which the SDK requires without listing its values: the one a public
 * SecMaster client sends for a text comment (docs/api-notes.md, Notes).
 */
const DEFAULT_TYPE = 'textMessage';

export const option: INodePropertyOptions = {
	name: 'Add',
	value: 'add',
	action: 'Add a comment',
	description: 'Add a comment to an alert or incident',
};

export const fields: INodeProperties[] = [
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		required: true,
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Comment Type',
				name: 'type',
				type: 'string',
				default: DEFAULT_TYPE,
				description: 'SecMaster\'s type of the note (its "type" field)',
			},
		],
	},
	simplifyOption(show),
];

function check(item: ItemContext, run: OperationRun): SecMasterRequest {
	const scope = itemScope(item, run.credentials);
	const target = warRoomId(item);
	const content = requireText(item, 'comment', 'Comment');
	const given = String(item.getNodeParameter('additionalFields.type', '') ?? '').trim();
	const type = given ? requireText(item, 'additionalFields.type', 'Comment Type') : DEFAULT_TYPE;
	const url = workspacePath(scope.projectId, scope.workspaceId, ['soc', 'notes']);
	return { method: 'POST', baseURL: scope.baseUrl, url, body: { war_room_id: target, type, content } };
}

/** Add one comment; the output is the note SecMaster stored (or its whole answer, Simplify off). */
async function send(item: ItemContext, run: OperationRun, request: SecMasterRequest): Promise<IDataObject> {
	// 'unsafe': after an unclear failure the comment may be there already; sending again would add it twice.
	const body = (await sendChecked(item, run, 'unsafe', request)).body as IDataObject;
	if (item.getNodeParameter('simplify', true) === false) return body;
	const note = body.data;
	return note && typeof note === 'object' && !Array.isArray(note) ? simplifyNote(note as IDataObject) : {};
}

export const execute = forEachItem({ check, send });
