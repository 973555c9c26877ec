import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as get from './get';
import * as getAll from './getAll';
import { workflowInstanceIdFields } from './instanceId';
import * as operate from './operate';

const operations = [get, getAll, operate];

export const workflowInstanceDescription = resourceDescription('workflowInstance', 'get', operations, workflowInstanceIdFields);
export const workflowInstanceCustomOperations = customOperationsOf(operations);
