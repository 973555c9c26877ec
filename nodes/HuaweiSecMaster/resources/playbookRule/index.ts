import { customOperationsOf, resourceDescription } from '../../parameters/operations';
import * as create from './create';
import * as deleteRule from './delete';
import * as get from './get';
import { ruleFormFields } from './ruleForm';
import * as update from './update';

const operations = [create, deleteRule, get, update];

export const playbookRuleDescription = resourceDescription('playbookRule', 'update', operations, ruleFormFields);
export const playbookRuleCustomOperations = customOperationsOf(operations);
