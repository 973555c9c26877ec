import { resourceDescription } from '../../parameters/operations';
import * as get from './get';
import * as getAll from './getAll';

export const playbookVersionDescription = resourceDescription('playbookVersion', 'getAll', [get, getAll]);
