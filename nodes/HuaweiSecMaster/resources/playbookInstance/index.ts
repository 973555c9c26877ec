import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as get from './get';
import * as getAll from './getAll';
import * as getAuditLogs from './getAuditLogs';
import { instanceIdFields } from './instanceId';
import * as operate from './operate';

const operations = [get, getAuditLogs, getAll, operate];

export const playbookInstanceDescription = resourceDescription('playbookInstance', 'operate', operations, instanceIdFields);
export const playbookInstanceCustomOperations = customOperationsOf(operations);
