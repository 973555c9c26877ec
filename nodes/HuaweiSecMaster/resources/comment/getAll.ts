import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { simplifyNote } from '../../domain/records';
import { returnAllAndLimit, simplifyOption } from '../../parameters/fields';
import { listRequest } from '../../transport/routing';
import { warRoomFilter } from './commentTarget';

const show = { resource: ['comment'], operation: ['getAll'] };

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many comments',
	description: 'List the comments of an alert or incident',
	routing: listRequest('POST', '/soc/notes/search', 'data', {
		preSend: [warRoomFilter],
		pageIn: 'body',
		simplifyRecord: simplifyNote,
	}),
};

export const fields: INodeProperties[] = [...returnAllAndLimit(show), simplifyOption(show)];
