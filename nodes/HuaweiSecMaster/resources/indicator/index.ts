import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as create from './create';
import * as deleteIndicator from './delete';
import * as get from './get';
import * as search from './search';
import * as update from './update';

const operations = [create, deleteIndicator, get, search, update];

export const indicatorDescription = resourceDescription('indicator', 'search', operations);
export const indicatorCustomOperations = customOperationsOf(operations);
