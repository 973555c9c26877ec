import { bodyBytes, SIGNED_BODY_LIMIT, signedBodyProblem } from '../../nodes/HuaweiSecMaster/transport/credentialAuth';
import { MAX_BODY_BYTES } from '../../simulator/signature';

describe('the gateway limit on AK/SK-signed bodies', () => {
	it('is 12 MB, as the simulator\'s gateway enforces it', () => {
		expect(SIGNED_BODY_LIMIT).toBe(12 * 1024 * 1024);
		expect(SIGNED_BODY_LIMIT).toBe(MAX_BODY_BYTES);
	});

	it('takes up to the limit and names the size above it', () => {
		expect(signedBodyProblem(0)).toBeUndefined();
		expect(signedBodyProblem(SIGNED_BODY_LIMIT)).toBeUndefined();
		expect(signedBodyProblem(SIGNED_BODY_LIMIT + 1)).toBe(
			'The request body would be 12,582,913 bytes; the API gateway takes AK/SK-signed bodies of at most 12 MB (12,582,912 bytes)',
		);
	});

	it('counts the UTF-8 bytes of the JSON that is signed and sent', () => {
		expect(bodyBytes({ rule: { detail: 'é"' } })!.toString('utf8')).toBe('{"rule":{"detail":"é\\""}}');
		expect(bodyBytes({ rule: { detail: 'é"' } })!.length).toBe(26);
		expect(bodyBytes({ rule: 'x' })!.length).toBe(12);
		expect(bodyBytes({})).toBeUndefined();
		expect(bodyBytes(undefined)).toBeUndefined();
	});
});
