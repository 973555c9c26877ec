import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as get from './get';
import * as getAll from './getAll';
import * as getVersions from './getVersions';
import * as run from './run';
import { workflowIdFields } from './workflowId';

const operations = [get, getAll, getVersions, run];

export const workflowDescription = resourceDescription('workflow', 'run', operations, workflowIdFields);
export const workflowCustomOperations = customOperationsOf(operations);
