import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sendWithRetries } from './withRetries';
import { PAGING_WINDOW, nextPage } from '../domain/paging';

/**
 * Pages through a list for Return All / Limit. `where` says whether offset and
 * limit go into the query string or the JSON body (alert search). Each page
 * goes through the operation's postReceive, which turns records into items.
 */
export function offsetPagination(where: 'qs' | 'body') {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const wanted = returnAll ? Infinity : Number(this.getNodeParameter('limit', 50));
		// sendWithRetries sends copies, so requestData.options stays as the first page found it.
		const base = requestData.options;
		const body = (base.body ?? {}) as IDataObject;
		const results: INodeExecutionData[] = [];
		let offset = 0;
		while (results.length < wanted) {
			const page = nextPage(offset, wanted - results.length);
			if (page === 'window') {
				throw new NodeOperationError(
					this.getNode(),
					`SecMaster lets clients page through the first ${PAGING_WINDOW - 1} records only, and there are more [item ${this.getItemIndex()}]`,
					{ itemIndex: this.getItemIndex(), description: 'Narrow the filters (for example a date range) or lower the Limit.' },
				);
			}
			const options =
				where === 'qs'
					? { ...base, qs: { ...(base.qs ?? {}), ...page } }
					: { ...base, body: { ...body, ...page } };
			const items = await sendWithRetries(this, { ...requestData, options }, 'read');
			results.push(...items);
			if (items.length < page.limit) break;
			offset += page.limit;
		}
		return results.slice(0, wanted);
	};
}
