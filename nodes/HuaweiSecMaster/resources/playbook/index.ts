import { resourceDescription } from '../../parameters/operations';
import * as get from './get';
import * as getAll from './getAll';

export const playbookDescription = resourceDescription('playbook', 'getAll', [get, getAll]);
