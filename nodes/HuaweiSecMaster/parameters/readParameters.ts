import { parameterError } from './inputErrors';
import type { ItemContext } from './itemContext';
import { pathIdProblem } from '../transport/url';

/** A parameter's value as text (numbers too), untrimmed; anything else names the field. */
function readText(context: ItemContext, name: string, field: string): string {
	const value = (context.getNodeParameter(name, '', { extractValue: true }) as unknown) ?? '';
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw parameterError(context, field, `${field} must be text, not ${typeof value}`);
	}
	return String(value);
}

export function requireText(context: ItemContext, name: string, field: string): string {
	const trimmed = readText(context, name, field).trim();
	if (!trimmed) throw parameterError(context, field, `${field} is empty`);
	return trimmed;
}

/** An ID as given, refused (see pathIdProblem) rather than trimmed or repaired. */
export function requireId(context: ItemContext, name: string, field: string): string {
	const id = readText(context, name, field);
	const problem = pathIdProblem(id);
	if (problem) throw parameterError(context, field, `${field} ${problem}`);
	return id;
}

export function requireChoice(
	context: ItemContext,
	name: string,
	field: string,
	choices: string[],
): string {
	const value = requireText(context, name, field);
	if (!choices.includes(value)) {
		throw parameterError(context, field, `${field} must be one of ${choices.join(', ')}; got "${value}"`);
	}
	return value;
}
