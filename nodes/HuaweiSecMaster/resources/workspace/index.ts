import { resourceDescription } from '../../parameters/operations';
import * as getAll from './getAll';

export const workspaceDescription = resourceDescription('workspace', 'getAll', [getAll]);
