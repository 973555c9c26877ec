import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as add from './add';
import { commentTargetFields } from './commentTarget';
import * as getAll from './getAll';

const operations = [add, getAll];

export const commentDescription = resourceDescription('comment', 'getAll', operations, commentTargetFields);
export const commentCustomOperations = customOperationsOf(operations);
