import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { requireChoice } from '../../shared/transport';

// An expression can put any text into an options field; SecMaster knows only these two.
export async function validateOperationType(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const operation = requireChoice(this, 'operationType', 'Operation Type', ['RETRY', 'TERMINATE']);
	(requestOptions.body as IDataObject).operation = operation;
	return requestOptions;
}
