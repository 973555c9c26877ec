import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { isSuccess } from './callOptions';
import type { OperationRun } from './checkedEngine';
import { operationApplied } from './withRetries';

/**
 * The `verify` of a retry or terminate (playbook or workflow instance): after an unclear failure,
 * sending again could retry a run twice, so the instance at `url` is read first; once its status
 * shows the command carried out, that read is the answer and nothing is sent again.
 */
export function operationTookEffect(run: OperationRun, baseURL: string, url: string, operation: string) {
	return async (): Promise<IN8nHttpFullResponse | undefined> => {
		const response = await run.send({ method: 'GET', baseURL, url });
		if (!isSuccess(response)) return undefined;
		return operationApplied(operation, (response.body as IDataObject).status) ? response : undefined;
	};
}
