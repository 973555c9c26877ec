import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as close from './close';
import * as create from './create';
import * as remove from './delete';
import * as get from './get';
import * as search from './search';
import * as update from './update';

const operations = [close, create, remove, get, search, update];

export const incidentDescription = resourceDescription('incident', 'search', operations);
export const incidentCustomOperations = customOperationsOf(operations);
