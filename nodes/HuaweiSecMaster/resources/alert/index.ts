import { resourceDescription } from '../../parameters/operations';
import * as get from './get';
import * as search from './search';

export const alertDescription = resourceDescription('alert', 'search', [get, search]);
