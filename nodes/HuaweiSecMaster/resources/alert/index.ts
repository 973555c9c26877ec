import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as close from './close';
import * as convert from './convert';
import * as create from './create';
import * as deleteAlert from './delete';
import * as get from './get';
import * as search from './search';
import * as update from './update';

const operations = [close, convert, create, deleteAlert, get, search, update];

export const alertDescription = resourceDescription('alert', 'search', operations);
export const alertCustomOperations = customOperationsOf(operations);
